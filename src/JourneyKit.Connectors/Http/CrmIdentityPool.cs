namespace JourneyKit.Connectors.Http;

/// <summary>
/// The identities a client signs in as (Dataverse application users), each with its own service-protection budget.
/// Calls take identities in turn; an identity that got a 429 is set aside until its <c>Retry-After</c> has passed, and
/// the call goes on at once as another identity when one is free. With one identity this is the plain sign-in.
/// Thread-safe.
/// </summary>
internal sealed class CrmIdentityPool
{
    private readonly ICrmTokenProvider[] _providers;
    private readonly DateTimeOffset[] _blockedUntil;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _next;

    public CrmIdentityPool(IReadOnlyList<ICrmTokenProvider> providers, TimeProvider time)
    {
        if (providers.Count == 0) throw new ArgumentException("At least one token provider is needed.", nameof(providers));
        _providers = [.. providers];
        _blockedUntil = new DateTimeOffset[_providers.Length];
        _time = time;
    }

    /// <summary>How many identities there are.</summary>
    public int Count => _providers.Length;

    /// <summary>The token provider of an identity.</summary>
    public ICrmTokenProvider this[int identity] => _providers[identity];

    /// <summary>The next free identity in turn, or, when all are set aside, the one free soonest.</summary>
    public int Pick()
    {
        if (_providers.Length == 1) return 0;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            int soonest = -1;
            for (int i = 0; i < _providers.Length; i++)
            {
                int candidate = (_next + i) % _providers.Length;
                if (_blockedUntil[candidate] <= now)
                {
                    _next = (candidate + 1) % _providers.Length;
                    return candidate;
                }
                if (soonest < 0 || _blockedUntil[candidate] < _blockedUntil[soonest]) soonest = candidate;
            }
            return soonest;
        }
    }

    /// <summary>Sets an identity aside for <paramref name="wait"/> (its service-protection budget is used up).</summary>
    public void SetAside(int identity, TimeSpan wait)
    {
        if (_providers.Length == 1) return;
        var until = _time.GetUtcNow() + wait;
        lock (_gate)
        {
            if (until > _blockedUntil[identity]) _blockedUntil[identity] = until;
        }
    }

    /// <summary>How long an identity is still set aside (zero when it is free).</summary>
    public TimeSpan Remaining(int identity)
    {
        if (_providers.Length == 1) return TimeSpan.Zero;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _blockedUntil[identity] > now ? _blockedUntil[identity] - now : TimeSpan.Zero;
        }
    }
}
