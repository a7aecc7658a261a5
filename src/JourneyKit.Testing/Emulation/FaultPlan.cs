namespace JourneyKit.Testing.Emulation;

/// <summary>
/// Which requests an emulator answers with a fault: an ordered list of rules, the same for both CRMs. Each request
/// is offered to the rules in the order they were added; the first rule that strikes chooses its fault. Rules can
/// be added and cleared while the emulator runs; the plan is safe to use from several threads.
/// </summary>
/// <example>
/// <code>
/// dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1.5)), pathContains: "listcontact_association", skip: 1);
/// hs.Faults.OnEndpoint("POST /crm/v3/objects/contacts/batch/read", 2, EmulatorFault.DropConnection());
/// </code>
/// </example>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];

    /// <summary>The rules not yet used up.</summary>
    public int Count
    {
        get { lock (_gate) return _rules.Count; }
    }

    /// <summary>
    /// Strikes matching requests: the first <paramref name="skip"/> pass untouched, the next <paramref name="times"/>
    /// get the fault, then the rule is used up.
    /// </summary>
    /// <param name="fault">The fault.</param>
    /// <param name="method">Only requests with this HTTP method; any when null.</param>
    /// <param name="endpoint">Only requests to this endpoint (as in <c>RequestCounts</c>); any when null.</param>
    /// <param name="pathContains">Only requests whose decoded path and query contain this text; any when null.</param>
    /// <param name="skip">How many matching requests pass before the fault strikes (1 = the second page).</param>
    /// <param name="times">How many matching requests the fault strikes; <see cref="int.MaxValue"/> for every one.</param>
    /// <returns>This plan.</returns>
    public FaultPlan Add(EmulatorFault fault, string? method = null, string? endpoint = null, string? pathContains = null, int skip = 0, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        return Add(new CountedRule(fault, method, endpoint, pathContains, skip, times));
    }

    /// <summary>Adds a rule of your own: it sees every request and returns a fault, or null to let it pass.</summary>
    /// <param name="rule">The rule; it is never used up.</param>
    /// <returns>This plan.</returns>
    public FaultPlan Add(Func<FaultRequest, EmulatorFault?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Add(new FuncRule(rule));
    }

    /// <summary>Strikes the nth request the emulator receives.</summary>
    /// <param name="number">The 1-based request number (<see cref="FaultRequest.Number"/>).</param>
    /// <param name="fault">The fault.</param>
    /// <returns>This plan.</returns>
    public FaultPlan OnRequest(long number, EmulatorFault fault) => Add(r => r.Number == number ? fault : null);

    /// <summary>Strikes the nth request to an endpoint (e.g. <c>GET /crm/v3/lists/{listId}/memberships</c>).</summary>
    /// <param name="endpoint">The endpoint as counted in <c>RequestCounts</c>.</param>
    /// <param name="number">The 1-based request number at that endpoint (<see cref="FaultRequest.EndpointNumber"/>).</param>
    /// <param name="fault">The fault.</param>
    /// <returns>This plan.</returns>
    public FaultPlan OnEndpoint(string endpoint, long number, EmulatorFault fault) =>
        Add(r => r.EndpointNumber == number && string.Equals(r.Endpoint, endpoint, StringComparison.Ordinal) ? fault : null);

    /// <summary>Strikes every request to an endpoint.</summary>
    /// <param name="endpoint">The endpoint as counted in <c>RequestCounts</c>.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>This plan.</returns>
    public FaultPlan Always(string endpoint, EmulatorFault fault) =>
        Add(r => string.Equals(r.Endpoint, endpoint, StringComparison.Ordinal) ? fault : null);

    /// <summary>
    /// Strikes at random but reproducibly: each request draws, from a generator seeded by <paramref name="seed"/> and
    /// the request number, whether it fails and with which fault.
    /// </summary>
    /// <param name="seed">The seed; the same seed gives the same faults on the same request numbers.</param>
    /// <param name="rate">The share of requests that fail, from 0 to 1.</param>
    /// <param name="faults">The faults to choose from.</param>
    /// <returns>This plan.</returns>
    public FaultPlan Seeded(int seed, double rate, params EmulatorFault[] faults) => Add(SeededRule(seed, rate, faults));

    /// <summary>
    /// A seeded rule on its own, for a rule of your own that wraps it (see <see cref="Seeded"/>).
    /// </summary>
    /// <param name="seed">The seed; the same seed gives the same faults on the same request numbers.</param>
    /// <param name="rate">The share of requests that fail, from 0 to 1.</param>
    /// <param name="faults">The faults to choose from.</param>
    /// <returns>The rule.</returns>
    public static Func<FaultRequest, EmulatorFault?> SeededRule(int seed, double rate, params EmulatorFault[] faults)
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

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>Offers a request to the rules in order and returns the first fault that strikes, if any.</summary>
    internal EmulatorFault? Next(FaultRequest request)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                if (_rules[i].Offer(request, out bool usedUp) is not { } fault) continue;
                if (usedUp) _rules.RemoveAt(i);
                return fault;
            }
            return null;
        }
    }

    private FaultPlan Add(Rule rule)
    {
        lock (_gate) _rules.Add(rule);
        return this;
    }

    private abstract class Rule
    {
        public abstract EmulatorFault? Offer(FaultRequest request, out bool usedUp);
    }

    private sealed class FuncRule(Func<FaultRequest, EmulatorFault?> rule) : Rule
    {
        public override EmulatorFault? Offer(FaultRequest request, out bool usedUp)
        {
            usedUp = false;
            return rule(request);
        }
    }

    private sealed class CountedRule(EmulatorFault fault, string? method, string? endpoint, string? pathContains, int skip, int times) : Rule
    {
        private long _seen;

        public override EmulatorFault? Offer(FaultRequest request, out bool usedUp)
        {
            usedUp = false;
            if (method is not null && !string.Equals(method, request.Method, StringComparison.OrdinalIgnoreCase)) return null;
            if (endpoint is not null && !string.Equals(endpoint, request.Endpoint, StringComparison.Ordinal)) return null;
            if (pathContains is not null && !request.PathAndQuery.Contains(pathContains, StringComparison.Ordinal)) return null;
            long seen = _seen++;
            if (seen < skip) return null;
            usedUp = seen + 1 >= (long)skip + times;
            return fault;
        }
    }
}
