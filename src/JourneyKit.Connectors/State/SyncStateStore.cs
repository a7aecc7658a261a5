using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace JourneyKit.Connectors.State;

/// <summary>
/// The local state of syncs, in SQLite (<c>.journeykit/state.db</c> by default): checkpoints that let a
/// populate or push killed midway resume where it stopped without counting or writing anything twice,
/// and the history of map versions. Each checkpoint is one transaction, so a crash leaves the last
/// complete checkpoint, never half of one.
/// </summary>
public sealed partial class SyncStateStore : IAsyncDisposable, IDisposable
{
    /// <summary>The default path of the store, relative to the working directory.</summary>
    public const string DefaultPath = ".journeykit/state.db";

    private const int SchemaVersion = 3;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SyncStateStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (and creates if needed) a store.</summary>
    /// <param name="path">The database file; its folder is created. ":memory:" keeps it in memory.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store.</returns>
    public static async Task<SyncStateStore> OpenAsync(string path = DefaultPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path != ":memory:")
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var store = new SyncStateStore(connection, path);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SyncStateException($"Cannot open the JourneyKit state store '{path}': {ex.Message}", ex);
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
        long version = (long)(await ScalarAsync("PRAGMA user_version;", cancellationToken).ConfigureAwait(false) ?? 0L);
        if (version > SchemaVersion)
            throw new SyncStateException($"The state store '{Path}' was written by a newer JourneyKit (schema {version}; this one knows {SchemaVersion}). Upgrade JourneyKit or use another --state path.");
        if (version == SchemaVersion) return;
        if (version < 1) await CreateSchemaV1Async(cancellationToken).ConfigureAwait(false);
        if (version < 2) await CreateIncrementalSchemaAsync(cancellationToken).ConfigureAwait(false);
        await CreateStageSnapshotSchemaAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateSchemaV1Async(CancellationToken cancellationToken)
    {
        await ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS runs (
                run_key TEXT PRIMARY KEY, kind TEXT NOT NULL, started_at TEXT NOT NULL,
                finished_at TEXT NULL, status TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS persona_progress (
                run_key TEXT NOT NULL, persona_id TEXT NOT NULL, aggregate_json TEXT NOT NULL,
                completed_segments TEXT NOT NULL, result_json TEXT NULL,
                PRIMARY KEY (run_key, persona_id));
            CREATE TABLE IF NOT EXISTS persona_contacts (
                run_key TEXT NOT NULL, persona_id TEXT NOT NULL, contact_id TEXT NOT NULL,
                PRIMARY KEY (run_key, persona_id, contact_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS push_steps (
                run_key TEXT NOT NULL, step TEXT NOT NULL, ids_hash TEXT NULL, done_at TEXT NOT NULL,
                PRIMARY KEY (run_key, step)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS map_versions (
                map_id TEXT NOT NULL, version INTEGER NOT NULL, saved_at TEXT NOT NULL,
                author TEXT NULL, json TEXT NOT NULL, PRIMARY KEY (map_id, version));
            PRAGMA user_version = 1;
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a run, or resumes the unfinished run with the same key. A finished run with the same key
    /// is started afresh (its checkpoints are dropped), so running the same sync twice repeats it.
    /// </summary>
    /// <param name="kind">"populate" or "push".</param>
    /// <param name="runKey">Identifies the run: the same work gets the same key.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when an unfinished run was resumed; false for an unfinished run that saved no checkpoint (it failed before any progress), which simply starts again.</returns>
    public Task<bool> BeginRunAsync(string kind, string runKey, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            var status = (string?)await ScalarAsync("SELECT status FROM runs WHERE run_key = $k", cancellationToken, ("$k", runKey)).ConfigureAwait(false);
            if (status == "running")
            {
                // A run that failed on its first request left nothing to resume: saying it resumed would mislead.
                var progress = await ScalarAsync(
                    "SELECT EXISTS (SELECT 1 FROM persona_progress WHERE run_key = $k) OR EXISTS (SELECT 1 FROM persona_contacts WHERE run_key = $k) OR EXISTS (SELECT 1 FROM push_steps WHERE run_key = $k)",
                    cancellationToken, ("$k", runKey)).ConfigureAwait(false);
                if (Convert.ToInt64(progress, System.Globalization.CultureInfo.InvariantCulture) != 0) return true;
                return false;
            }
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var table in new[] { "persona_progress", "persona_contacts", "push_steps", "runs" })
                await ExecuteAsync($"DELETE FROM {table} WHERE run_key = $k", cancellationToken, tx, ("$k", runKey)).ConfigureAwait(false);
            await ExecuteAsync("INSERT INTO runs (run_key, kind, started_at, status) VALUES ($k, $kind, $t, 'running')", cancellationToken, tx,
                ("$k", runKey), ("$kind", kind), ("$t", Iso(now))).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }, cancellationToken);

    /// <summary>Marks a run finished; its checkpoints stay for inspection until the same run starts again.</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task CompleteRunAsync(string runKey, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        LockedAsync(() => ExecuteAsync("UPDATE runs SET status = 'completed', finished_at = $t WHERE run_key = $k", cancellationToken, null,
            ("$k", runKey), ("$t", Iso(now))), cancellationToken);

    /// <summary>Reads a persona's populate checkpoint.</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="personaId">The persona.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint, or null when the persona has not started.</returns>
    public Task<PersonaCheckpoint?> GetPersonaCheckpointAsync(string runKey, string personaId, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            await using var cmd = Command("SELECT aggregate_json, completed_segments, result_json FROM persona_progress WHERE run_key = $k AND persona_id = $p",
                null, ("$k", runKey), ("$p", personaId));
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return (PersonaCheckpoint?)null;
            var segments = reader.GetString(1).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new PersonaCheckpoint(reader.GetString(0), segments, reader.IsDBNull(2) ? null : reader.GetString(2));
        }, cancellationToken);

    /// <summary>
    /// Saves a persona's populate progress in one transaction: the contacts newly counted, the running
    /// aggregate that includes them, and the segments fully read so far.
    /// </summary>
    /// <param name="runKey">The run.</param>
    /// <param name="personaId">The persona.</param>
    /// <param name="newContactIds">Contacts counted since the last checkpoint.</param>
    /// <param name="aggregateJson">The aggregate including them.</param>
    /// <param name="completedSegments">Segments fully read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task SavePersonaProgressAsync(string runKey, string personaId, IReadOnlyCollection<string> newContactIds, string aggregateJson,
        IReadOnlyCollection<string> completedSegments, CancellationToken cancellationToken = default) =>
        CountPersonaContactsAsync(runKey, personaId, [.. newContactIds], static id => id, static _ => { }, () => aggregateJson, completedSegments, cancellationToken);

    /// <summary>
    /// Saves a persona's populate progress in one transaction, the store deciding which contacts are new: each of
    /// <paramref name="contacts"/> whose key is not yet counted for the persona in this run (nor earlier in the same list)
    /// is handed to <paramref name="count"/>, then <paramref name="aggregateJson"/> (which must include them) and the
    /// segments fully read are saved. The set of counted contacts lives here, not in memory, so a populate of millions of
    /// members holds one batch of them at a time. A failure rolls the whole checkpoint back.
    /// </summary>
    /// <typeparam name="T">The contact.</typeparam>
    /// <param name="runKey">The run.</param>
    /// <param name="personaId">The persona.</param>
    /// <param name="contacts">Contacts read since the last checkpoint, some perhaps counted before.</param>
    /// <param name="key">A contact's key (e.g. <c>HubSpot:123</c>).</param>
    /// <param name="count">Called, in order, with each contact not counted before.</param>
    /// <param name="aggregateJson">The aggregate, called once every new contact was counted.</param>
    /// <param name="completedSegments">Segments fully read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many contacts were new.</returns>
    internal Task<int> CountPersonaContactsAsync<T>(string runKey, string personaId, IReadOnlyList<T> contacts, Func<T, string> key, Action<T> count,
        Func<string> aggregateJson, IReadOnlyCollection<string> completedSegments, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            int added = 0;
            await using (var insert = Command("INSERT OR IGNORE INTO persona_contacts (run_key, persona_id, contact_id) VALUES ($k, $p, $c)", tx,
                ("$k", runKey), ("$p", personaId), ("$c", "")))
            {
                foreach (var contact in contacts)
                {
                    insert.Parameters["$c"].Value = key(contact);
                    if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0) continue;
                    count(contact);
                    added++;
                }
            }
            await ExecuteAsync("""
                INSERT INTO persona_progress (run_key, persona_id, aggregate_json, completed_segments) VALUES ($k, $p, $a, $s)
                ON CONFLICT (run_key, persona_id) DO UPDATE SET aggregate_json = excluded.aggregate_json, completed_segments = excluded.completed_segments
                """, cancellationToken, tx, ("$k", runKey), ("$p", personaId), ("$a", aggregateJson()), ("$s", string.Join('\n', completedSegments))).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return added;
        }, cancellationToken);

    /// <summary>Saves a persona's finished populate result (the persona as JSON).</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="personaId">The persona.</param>
    /// <param name="personaJson">The populated persona.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task SavePersonaResultAsync(string runKey, string personaId, string personaJson, CancellationToken cancellationToken = default) =>
        LockedAsync(() => ExecuteAsync("UPDATE persona_progress SET result_json = $r WHERE run_key = $k AND persona_id = $p", cancellationToken, null,
            ("$k", runKey), ("$p", personaId), ("$r", personaJson)), cancellationToken);

    /// <summary>Streams the contacts counted for a persona in a run, in id order.</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="personaId">The persona.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The contact ids.</returns>
    public async IAsyncEnumerable<string> GetPersonaContactsAsync(string runKey, string personaId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Read in chunks so the store's lock is not held while the caller works on each id.
        string after = string.Empty;
        while (true)
        {
            var chunk = await LockedAsync(async () =>
            {
                var ids = new List<string>(1000);
                await using var cmd = Command("SELECT contact_id FROM persona_contacts WHERE run_key = $k AND persona_id = $p AND contact_id > $a ORDER BY contact_id LIMIT 1000",
                    null, ("$k", runKey), ("$p", personaId), ("$a", after));
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetString(0));
                return ids;
            }, cancellationToken).ConfigureAwait(false);
            foreach (var id in chunk) yield return id;
            if (chunk.Count < 1000) yield break;
            after = chunk[^1];
        }
    }

    /// <summary>Whether a push step (a persona upsert or a batch of contacts) was done in this run, with the same content.</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="step">The step's name, e.g. "persona:lucy" or "assign:lucy:3".</param>
    /// <param name="idsHash">A hash of what the step writes; a step done with other content is not done.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when done.</returns>
    public Task<bool> IsStepDoneAsync(string runKey, string step, string? idsHash, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            var found = await ScalarAsync("SELECT ids_hash FROM push_steps WHERE run_key = $k AND step = $s", cancellationToken, ("$k", runKey), ("$s", step)).ConfigureAwait(false);
            return found is not null && (found is DBNull ? idsHash is null : (string)found == idsHash);
        }, cancellationToken);

    /// <summary>Records a push step as done.</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="step">The step's name.</param>
    /// <param name="idsHash">A hash of what it wrote.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task MarkStepDoneAsync(string runKey, string step, string? idsHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        LockedAsync(() => ExecuteAsync("INSERT OR REPLACE INTO push_steps (run_key, step, ids_hash, done_at) VALUES ($k, $s, $h, $t)", cancellationToken, null,
            ("$k", runKey), ("$s", step), ("$h", (object?)idsHash ?? DBNull.Value), ("$t", Iso(now))), cancellationToken);

    /// <summary>Counts the push steps done in a run.</summary>
    /// <param name="runKey">The run.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    public Task<int> CountStepsDoneAsync(string runKey, CancellationToken cancellationToken = default) =>
        LockedAsync(async () => (int)(long)(await ScalarAsync("SELECT COUNT(*) FROM push_steps WHERE run_key = $k", cancellationToken, ("$k", runKey)).ConfigureAwait(false))!, cancellationToken);

    /// <summary>Keeps a version of a map in the history. Saving the same version again replaces it.</summary>
    /// <param name="mapId">The map's id.</param>
    /// <param name="version">The map's version.</param>
    /// <param name="json">The map as JSON.</param>
    /// <param name="author">Who or what made the version.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public Task SaveMapVersionAsync(string mapId, int version, string json, string? author, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        LockedAsync(() => ExecuteAsync("INSERT OR REPLACE INTO map_versions (map_id, version, saved_at, author, json) VALUES ($m, $v, $t, $a, $j)", cancellationToken, null,
            ("$m", mapId), ("$v", version), ("$t", Iso(now)), ("$a", (object?)author ?? DBNull.Value), ("$j", json)), cancellationToken);

    /// <summary>Lists the versions of a map kept in the history, oldest first.</summary>
    /// <param name="mapId">The map's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The versions.</returns>
    public Task<IReadOnlyList<MapVersionInfo>> GetMapHistoryAsync(string mapId, CancellationToken cancellationToken = default) =>
        LockedAsync(async () =>
        {
            var list = new List<MapVersionInfo>();
            await using var cmd = Command("SELECT version, saved_at, author FROM map_versions WHERE map_id = $m ORDER BY version", null, ("$m", mapId));
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                list.Add(new MapVersionInfo(mapId, reader.GetInt32(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.IsDBNull(2) ? null : reader.GetString(2)));
            return (IReadOnlyList<MapVersionInfo>)list;
        }, cancellationToken);

    /// <summary>Reads a kept version of a map.</summary>
    /// <param name="mapId">The map's id.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The map as JSON, or null when that version is not kept.</returns>
    public Task<string?> GetMapVersionJsonAsync(string mapId, int version, CancellationToken cancellationToken = default) =>
        LockedAsync(async () => (string?)await ScalarAsync("SELECT json FROM map_versions WHERE map_id = $m AND version = $v", cancellationToken, ("$m", mapId), ("$v", version)).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new SyncStateException($"The JourneyKit state store '{Path}' failed: {ex.Message}. If another journeykit run uses it, wait for it to finish; if the file is damaged, move it away (the next run starts afresh).", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task LockedAsync(Func<Task> action, CancellationToken cancellationToken) =>
        LockedAsync(async () => { await action().ConfigureAwait(false); return true; }, cancellationToken);

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null, params (string, object?)[] parameters) =>
        ExecuteCoreAsync(sql, tx, parameters, cancellationToken);

    private async Task ExecuteCoreAsync(string sql, SqliteTransaction? tx, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var cmd = Command(sql, tx, parameters);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var cmd = Command(sql, null, parameters);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
}
