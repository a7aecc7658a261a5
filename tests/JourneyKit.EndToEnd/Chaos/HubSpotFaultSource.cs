using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;

namespace JourneyKit.EndToEnd.Chaos;

/// <summary>Seeded faults of every kind, at most <c>maxFaults</c> in a run; after a DAILY 429 every request is refused until the next day.</summary>
internal sealed class HubSpotFaultSource(int seed, DrivenTimeProvider clock, double rate, int maxFaults)
{
    private static readonly EmulatorFault[] Kinds =
    [
        EmulatorFault.ServerError(500), EmulatorFault.ServerError(502), EmulatorFault.ServerError(503), EmulatorFault.ServerError(504),
        EmulatorFault.DropConnection(), EmulatorFault.DropConnection(), EmulatorFault.MalformedBody(),
        EmulatorFault.RateLimit("TEN_SECONDLY_ROLLING"), EmulatorFault.RateLimit("SECONDLY"), EmulatorFault.RateLimit("DAILY"), EmulatorFault.RateLimit("DAILY"),
        EmulatorFault.SlowResponse(TimeSpan.FromSeconds(20)),
    ];

    private readonly Func<FaultRequest, EmulatorFault?> _plan = rate > 0 ? FaultPlan.SeededRule(seed, rate, Kinds) : _ => null;
    private readonly Lock _gate = new();
    private int _left = maxFaults;
    private DateTimeOffset? _dailyUntil;

    public bool CountBatchUpdates { get; set; }

    public int BatchUpdateFaultsAfterWrite { get; private set; }

    public int Injected { get; private set; }

    /// <summary>Requests answered with a DAILY 429.</summary>
    public int DailyRefusals { get; private set; }

    public EmulatorFault? Next(FaultRequest request)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            // The OAuth token endpoint does not count against the API's daily limit.
            bool signIn = request.Endpoint == "POST /oauth/v1/token";
            if (_dailyUntil is { } until && now < until && !signIn)
            {
                DailyRefusals++;
                return EmulatorFault.RateLimit("DAILY");
            }
            if (_left <= 0 || _plan(request) is not { } fault) return null;
            if (signIn && fault is { Kind: EmulatorFaultKind.TooManyRequests, PolicyName: "DAILY" }) return null;
            _left--;
            Injected++;
            if (fault is { Kind: EmulatorFaultKind.TooManyRequests, PolicyName: "DAILY" }) DailyRefusals++;
            if (fault is { Kind: EmulatorFaultKind.TooManyRequests, PolicyName: "DAILY" }) _dailyUntil = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            if (CountBatchUpdates && request.Endpoint == "POST /crm/v3/objects/contacts/batch/update" && fault.Kind is EmulatorFaultKind.DropConnection or EmulatorFaultKind.MalformedBody) BatchUpdateFaultsAfterWrite++;
            return fault;
        }
    }
}
