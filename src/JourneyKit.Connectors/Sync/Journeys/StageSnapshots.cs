using System.Globalization;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.State;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Keeps, in the state store, the stage dates a CRM does not keep (<see cref="CrmStageDating.Observed"/>,
/// <see cref="CrmStageDating.UpperBound"/>), and dates each such entry by the best any run saw: a Dataverse opportunity's
/// current stage is exact while it is there (its flow's <c>activestagestartedon</c>), and once it moves on only a later
/// bound is left in the CRM, so the date a measure saw earlier is kept and used. Each contact's events are looked up in
/// one query; what changed is written every <see cref="FlushEvery"/> records, in one transaction.
/// </summary>
internal sealed class StageSnapshots
{
    private const int FlushEvery = 1000;
    private readonly SyncStateStore _store;
    private readonly string _crm;
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset? _since;
    private readonly Dictionary<(string RecordId, string Source, string Value), StageSnapshot> _pending = [];

    public StageSnapshots(SyncStateStore store, CrmKind crm, DateTimeOffset now, DateTimeOffset? since)
    {
        _store = store;
        _crm = crm.Value;
        _now = now;
        _since = since;
    }

    /// <summary>Entries dated by an earlier run's snapshot (tighter than what the CRM gives now).</summary>
    public long FromEarlierRuns { get; private set; }

    /// <summary>Entries dated exactly by this run (a current stage), kept for the next runs.</summary>
    public long ExactNow { get; private set; }

    /// <summary>Entries no run saw better than an upper bound.</summary>
    public long UpperBounds { get; private set; }

    /// <summary>When the oldest and newest snapshots used were first seen.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? SnapshotsSeen { get; private set; }

    /// <summary>Dates one contact's undated stage entries by the kept snapshots (in place), and keeps what this run saw better.</summary>
    public async Task ApplyAsync(List<CrmJourneyEvent> events, CancellationToken cancellationToken)
    {
        List<int>? undated = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is { Kind: CrmJourneyEventKind.StageEntered, Dating: not CrmStageDating.Recorded, Value: not null }) (undated ??= []).Add(i);
        }
        if (undated is null) return;
        var ids = undated.Select(i => events[i].RecordId).Distinct(StringComparer.Ordinal).ToList();
        var kept = (await _store.GetStageSnapshotsAsync(_crm, ids, cancellationToken).ConfigureAwait(false)).ToDictionary(s => (s.RecordId, s.Source, s.Value));
        var dropped = new List<int>();
        foreach (var i in undated)
        {
            var e = events[i];
            var key = (e.RecordId, e.Source, e.Value!);
            bool exact = e.Dating == CrmStageDating.Observed;
            var known = _pending.GetValueOrDefault(key) ?? kept.GetValueOrDefault(key);
            if (known is not null && (known.EnteredAt < e.Timestamp || (known.EnteredAt == e.Timestamp && known.Exact && !exact)))
            {
                // An earlier run saw the stage sooner (or exactly): the stage was entered by then.
                events[i] = e with { Timestamp = known.EnteredAt, Dating = known.Exact ? CrmStageDating.Observed : CrmStageDating.UpperBound };
                FromEarlierRuns++;
                SnapshotsSeen = SnapshotsSeen is { } seen
                    ? (known.SeenAt < seen.First ? known.SeenAt : seen.First, known.SeenAt > seen.Last ? known.SeenAt : seen.Last)
                    : (known.SeenAt, known.SeenAt);
                if (_since is { } since && known.EnteredAt < since) dropped.Add(i);
                continue;
            }
            if (exact) ExactNow++;
            else UpperBounds++;
            if (known is null || known.EnteredAt != e.Timestamp || known.Exact != exact)
                _pending[key] = new StageSnapshot(e.RecordId, e.Source, e.Value!, e.Timestamp, exact, known is not null && known.EnteredAt == e.Timestamp ? known.SeenAt : _now);
        }
        for (var j = dropped.Count - 1; j >= 0; j--) events.RemoveAt(dropped[j]);
        if (_pending.Count >= FlushEvery) await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what this run saw better than the store kept.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        await _store.SaveStageSnapshotsAsync(_crm, [.. _pending.Values], cancellationToken).ConfigureAwait(false);
        _pending.Clear();
    }

    /// <summary>How fresh the stage dates the CRM does not keep are, for the measurement's notes; nothing when there were none.</summary>
    public string? Note(string crm)
    {
        long total = FromEarlierRuns + ExactNow + UpperBounds;
        if (total == 0) return null;
        var earlier = SnapshotsSeen is { } seen
            ? Invariant($"{FromEarlierRuns:N0} from snapshots earlier runs kept (first seen {seen.First:yyyy-MM-dd}{(seen.Last.Date != seen.First.Date ? Invariant($" to {seen.Last:yyyy-MM-dd}") : "")})")
            : "none from earlier runs' snapshots (none kept a tighter date)";
        return Invariant($"Stage dates {crm} does not keep ({total:N0} entries): {earlier}, {ExactNow:N0} exact as of this run (current stages, kept for the next runs), {UpperBounds:N0} upper bounds (passed before any run saw them). Measure regularly with the same --state to keep them exact.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
