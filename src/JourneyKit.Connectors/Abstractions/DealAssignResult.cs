namespace JourneyKit.Connectors.Abstractions;

/// <summary>What <see cref="ICrmConnector.AssignDealPersonasAsync"/> wrote onto the deals (opportunities) of the assigned contacts.</summary>
/// <param name="Deals">Open deals that received their contacts' personas.</param>
/// <param name="Requests">Requests sent: association and deal reads, and the batch updates.</param>
public sealed record DealAssignResult(long Deals, int Requests)
{
    /// <summary>Nothing written, no request sent (a CRM that keeps nothing on deals).</summary>
    public static DealAssignResult None { get; } = new(0, 0);
}
