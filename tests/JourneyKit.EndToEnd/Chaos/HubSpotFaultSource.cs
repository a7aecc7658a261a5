using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>Seeded faults of every kind, at most <c>maxFaults</c> in a run; after a DAILY 429 every request is refused until the next day.</summary>
internal sealed class HubSpotFaultSource(int seed, DrivenTimeProvider clock, double rate, int maxFaults)
{
    private static readonly HubSpotFault[] Kinds =
    [
        HubSpotFault.ServerError(500), HubSpotFault.ServerError(502), HubSpotFault.ServerError(503), HubSpotFault.ServerError(504),
        HubSpotFault.DropConnection(), HubSpotFault.DropConnection(), HubSpotFault.MalformedJson(),
        HubSpotFault.RateLimit("TEN_SECONDLY_ROLLING"), HubSpotFault.RateLimit("SECONDLY"), HubSpotFault.RateLimit("DAILY"), HubSpotFault.RateLimit("DAILY"),
        HubSpotFault.Slow(TimeSpan.FromSeconds(20)),
    ];

    private readonly Func<HubSpotRequestInfo, HubSpotFault?> _plan = rate > 0 ? HubSpotFaultPlan.Seeded(seed, rate, Kinds) : _ => null;
    private readonly Lock _gate = new();
    private int _left = maxFaults;
    private DateTimeOffset? _dailyUntil;

    public bool CountBatchUpdates { get; set; }

    public int BatchUpdateFaultsAfterWrite { get; private set; }

    public int Injected { get; private set; }

    /// <summary>Requests answered with a DAILY 429.</summary>
    public int DailyRefusals { get; private set; }

    public HubSpotFault? Next(HubSpotRequestInfo request)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            // The OAuth token endpoint does not count against the API's daily limit.
            bool signIn = request.Endpoint == "POST /oauth/v1/token";
            if (_dailyUntil is { } until && now < until && !signIn)
            {
                DailyRefusals++;
                return HubSpotFault.RateLimit("DAILY");
            }
            if (_left <= 0 || _plan(request) is not { } fault) return null;
            if (signIn && fault is { Kind: HubSpotFaultKind.RateLimit, PolicyName: "DAILY" }) return null;
            _left--;
            Injected++;
            if (fault is { Kind: HubSpotFaultKind.RateLimit, PolicyName: "DAILY" }) DailyRefusals++;
            if (fault is { Kind: HubSpotFaultKind.RateLimit, PolicyName: "DAILY" }) _dailyUntil = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            if (CountBatchUpdates && request.Endpoint == "POST /crm/v3/objects/contacts/batch/update" && fault.Kind is HubSpotFaultKind.DropConnection or HubSpotFaultKind.MalformedJson) BatchUpdateFaultsAfterWrite++;
            return fault;
        }
    }
}
