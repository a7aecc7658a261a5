namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Reads the number of employees of an account (<c>GET accounts(id)?$select=numberofemployees</c>), for persona
/// rules on company size. Optional: without it the handler decides on the job title alone.
/// </summary>
public interface IAccountSizeReader
{
    /// <summary>Reads an account's number of employees.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="cancellationToken">Cancels the read; the handler cancels it at its timeout.</param>
    /// <returns>The number of employees, or null when the account has none recorded.</returns>
    Task<int?> GetNumberOfEmployeesAsync(Guid accountId, CancellationToken cancellationToken = default);
}
