namespace JourneyKit.Testing.HubSpot;

/// <summary>Ready-made fault injectors for <see cref="HubSpotEmulatorOptions.FaultInjector"/>.</summary>
public static class HubSpotFaultPlan
{
    /// <summary>Injects a fault into the nth request overall.</summary>
    /// <param name="number">The 1-based request number.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>The injector.</returns>
    public static Func<HubSpotRequestInfo, HubSpotFault?> OnRequest(long number, HubSpotFault fault) =>
        r => r.Number == number ? fault : null;

    /// <summary>Injects a fault into the nth request to an endpoint (e.g. <c>GET /crm/v3/lists/{listId}/memberships</c>).</summary>
    /// <param name="endpoint">The endpoint as counted in <see cref="HubSpotEmulator.RequestCounts"/>.</param>
    /// <param name="number">The 1-based request number at that endpoint.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>The injector.</returns>
    public static Func<HubSpotRequestInfo, HubSpotFault?> OnEndpoint(string endpoint, long number, HubSpotFault fault) =>
        r => r.EndpointNumber == number && string.Equals(r.Endpoint, endpoint, StringComparison.Ordinal) ? fault : null;

    /// <summary>Injects a fault into every request to an endpoint.</summary>
    /// <param name="endpoint">The endpoint as counted in <see cref="HubSpotEmulator.RequestCounts"/>.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>The injector.</returns>
    public static Func<HubSpotRequestInfo, HubSpotFault?> Always(string endpoint, HubSpotFault fault) =>
        r => string.Equals(r.Endpoint, endpoint, StringComparison.Ordinal) ? fault : null;

    /// <summary>
    /// Injects faults at random but reproducibly: each request draws, from a generator seeded by
    /// <paramref name="seed"/> and the request number, whether it fails and with which fault.
    /// </summary>
    /// <param name="seed">The seed; the same seed gives the same faults on the same request numbers.</param>
    /// <param name="rate">The share of requests that fail, from 0 to 1.</param>
    /// <param name="faults">The faults to choose from.</param>
    /// <returns>The injector.</returns>
    public static Func<HubSpotRequestInfo, HubSpotFault?> Seeded(int seed, double rate, params HubSpotFault[] faults)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        if (faults is null || faults.Length == 0) throw new ArgumentException("Give at least one fault.", nameof(faults));
        return r =>
        {
            ulong z = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)r.Number * 0xBF58476D1CE4E5B9UL));
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            double x = (z >> 11) * (1.0 / (1UL << 53));
            return x < rate ? faults[(int)(z % (ulong)faults.Length)] : null;
        };
    }
}
