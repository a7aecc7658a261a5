using JourneyKit.Connectors.Dataverse;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>Reads an account's number of employees with <c>GET accounts(id)?$select=numberofemployees</c> (through <see cref="DataverseClient.Records"/>).</summary>
public class DataverseAccountSizeReader : IAccountSizeReader
{
    private const string Accounts = "accounts";
    private const string EmployeesColumn = "numberofemployees";

    private readonly DataverseClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected DataverseAccountSizeReader()
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="client">The Dataverse client (an application user with read on account).</param>
    public DataverseAccountSizeReader(DataverseClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    /// <remarks>A deleted account (404) counts as one with no size recorded: the rules then decide on the job title.</remarks>
    /// <exception cref="DataverseException">The read failed for another reason; <c>IsTransient</c> says whether a retry may help.</exception>
    public virtual async Task<int?> GetNumberOfEmployeesAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var row = await _client.Records.FindAsync(Accounts, accountId, [EmployeesColumn], cancellationToken).ConfigureAwait(false);
        return (int?)row?[EmployeesColumn];
    }
}
