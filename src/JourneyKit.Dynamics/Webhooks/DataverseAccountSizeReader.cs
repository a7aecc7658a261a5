using JourneyKit.Connectors.Dataverse;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>Reads an account's number of employees with <c>GET accounts(id)?$select=numberofemployees</c>.</summary>
public class DataverseAccountSizeReader : IAccountSizeReader
{
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
        try
        {
            var row = await _client.RetrieveAsync($"accounts({accountId:D})?$select=numberofemployees", cancellationToken).ConfigureAwait(false);
            return (int?)row["numberofemployees"];
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }
}
