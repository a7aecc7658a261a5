using System.Globalization;

namespace JourneyKit.Connectors.State;

// Stage snapshots: for the stage entries a CRM does not keep a date for (Dataverse's sales stages and process-flow
// stages), the best date any measure has seen, per record and stage, and when it was first seen. A later run that
// sees only a looser bound (the record moved on, so its flow's start now dates the next stage) takes the kept one.
public sealed partial class SyncStateStore
{
    private Task CreateStageSnapshotSchemaAsync(CancellationToken cancellationToken) => ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS stage_snapshots (
            crm TEXT NOT NULL, record_id TEXT NOT NULL, source TEXT NOT NULL, value TEXT NOT NULL,
            entered_at TEXT NOT NULL, exact INTEGER NOT NULL, seen_at TEXT NOT NULL,
            PRIMARY KEY (crm, record_id, source, value)) WITHOUT ROWID;
        PRAGMA user_version = 3;
        """, cancellationToken);

    /// <summary>The kept stage dates of some records of one CRM.</summary>
    internal Task<List<StageSnapshot>> GetStageSnapshotsAsync(string crm, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var result = new List<StageSnapshot>();
            await ReadInChunksAsync("SELECT record_id, source, value, entered_at, exact, seen_at FROM stage_snapshots WHERE crm = $k AND record_id IN ({0})", crm, recordIds,
                r => result.Add(new StageSnapshot(r.GetString(0), r.GetString(1), r.GetString(2), Parse(r.GetString(3)), r.GetInt64(4) != 0, Parse(r.GetString(5)))),
                cancellationToken).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    /// <summary>Keeps stage dates (replacing what was kept for the same record and stage), in one transaction.</summary>
    internal Task SaveStageSnapshotsAsync(string crm, IReadOnlyCollection<StageSnapshot> snapshots, CancellationToken cancellationToken) =>
        snapshots.Count == 0 ? Task.CompletedTask : InTransactionAsync(async tx =>
        {
            await using var upsert = Command("""
                INSERT OR REPLACE INTO stage_snapshots (crm, record_id, source, value, entered_at, exact, seen_at)
                VALUES ($crm, $r, $s, $v, $e, $x, $t)
                """, tx, ("$crm", crm), ("$r", ""), ("$s", ""), ("$v", ""), ("$e", ""), ("$x", 0), ("$t", ""));
            foreach (var s in snapshots)
            {
                upsert.Parameters["$r"].Value = s.RecordId;
                upsert.Parameters["$s"].Value = s.Source;
                upsert.Parameters["$v"].Value = s.Value;
                upsert.Parameters["$e"].Value = Iso(s.EnteredAt);
                upsert.Parameters["$x"].Value = s.Exact ? 1 : 0;
                upsert.Parameters["$t"].Value = Iso(s.SeenAt);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    private static DateTimeOffset Parse(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
