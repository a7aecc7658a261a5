using JourneyKit.Testing.Sample;

namespace JourneyKit.Testing.Emulation;

/// <summary>
/// What both CRM emulators share, so a test learns one API: the address and token to give a client, the sample it
/// was seeded from, the faults to inject, and the log of requests and writes. <see cref="HubSpot.HubSpotEmulator"/>
/// and <see cref="Dataverse.DataverseEmulator"/> add only what their CRMs differ in.
/// </summary>
public abstract class CrmEmulator : IAsyncDisposable
{
    private protected CrmEmulator(EmulatorHost host, SampleCrm sample)
    {
        Host = host;
        Sample = sample;
    }

    /// <summary>The emulator's base address, e.g. <c>http://127.0.0.1:51234/</c>: the base URL (HubSpot) or environment URL (Dataverse) to give a client.</summary>
    public Uri BaseUri => Host.BaseUri;

    /// <summary>A bearer token the emulator accepts.</summary>
    public abstract string AccessToken { get; }

    /// <summary>The data the emulator was seeded from (its state may have changed since, by writes).</summary>
    public SampleCrm Sample { get; }

    /// <summary>The faults to inject; rules can be added and cleared while the emulator runs.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Requests received per endpoint (e.g. <c>POST /crm/v3/objects/contacts/batch/read</c> or <c>GET contacts</c>), rejected ones included.</summary>
    public IReadOnlyDictionary<string, long> RequestCounts => Log.Counts;

    /// <summary>The number of HTTP requests received, rejected ones included.</summary>
    public long TotalRequests => Log.Total;

    /// <summary>The number of 429 answers sent, by the emulated rate limits or by injected faults.</summary>
    public long ThrottledRequests => Log.Throttled;

    /// <summary>Every HTTP request received, in the order answered, with its status.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => Log.Requests;

    /// <summary>Every committed write, in order.</summary>
    public IReadOnlyList<EmulatorWrite> Writes => Log.Writes;

    /// <summary>The server the emulator runs on.</summary>
    private protected EmulatorHost Host { get; }

    /// <summary>The log both emulators keep their requests and writes in.</summary>
    private protected RequestLog Log { get; } = new();

    /// <summary>The requests received at one endpoint, as named in <see cref="RequestCounts"/>.</summary>
    /// <param name="endpoint">The endpoint, e.g. <c>GET /crm/v3/lists/{listId}/memberships</c> or <c>GET lists/listcontact_association</c>.</param>
    /// <returns>The count.</returns>
    public long RequestCount(string endpoint) => Log.Count(endpoint);

    /// <summary>Sets the counters, the request log and the write log back to zero (the data and the rate-limit windows are kept).</summary>
    public void ResetCounters() => Log.Reset();

    /// <summary>Stops the server.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
