using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace JourneyKit.Connectors.State;

/// <summary>
/// What incremental syncs keep, per scope (a map): each segment's members, each member's facts as the CRM last gave
/// them, each objection record with the contacts it concerns, the change cursors, and what the last push wrote onto
/// each contact. A populate rebuilds demographics and objections from these rows, streamed, so its memory does not
/// grow with the segments and its result is that of a full read of the same data.
/// </summary>
public sealed partial class SyncStateStore
{
    private const int Chunk = 1000;

    private Task CreateIncrementalSchemaAsync(CancellationToken cancellationToken) => ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS inc_cursors (
            scope TEXT NOT NULL, name TEXT NOT NULL, value TEXT NULL, PRIMARY KEY (scope, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inc_members (
            scope TEXT NOT NULL, segment_key TEXT NOT NULL, contact_key TEXT NOT NULL,
            PRIMARY KEY (scope, segment_key, contact_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inc_contacts (
            scope TEXT NOT NULL, contact_key TEXT NOT NULL, json TEXT NOT NULL, signals_read INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (scope, contact_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inc_signals (
            scope TEXT NOT NULL, signal_key TEXT NOT NULL, sort_key TEXT NOT NULL, json TEXT NOT NULL,
            PRIMARY KEY (scope, signal_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inc_signal_contacts (
            scope TEXT NOT NULL, contact_key TEXT NOT NULL, signal_key TEXT NOT NULL,
            PRIMARY KEY (scope, contact_key, signal_key)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS inc_signal_contacts_by_signal ON inc_signal_contacts (scope, signal_key);
        CREATE TABLE IF NOT EXISTS inc_pushed (
            scope TEXT NOT NULL, contact_key TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (scope, contact_key)) WITHOUT ROWID;
        PRAGMA user_version = 2;
        """, cancellationToken);

    /// <summary>Reads a cursor (a change cursor, a segment's join cursor, a time), or null when none is kept.</summary>
    internal Task<string?> GetCursorAsync(string scope, string name, CancellationToken cancellationToken) =>
        LockedAsync(async () => await ScalarAsync("SELECT value FROM inc_cursors WHERE scope = $s AND name = $n", cancellationToken, ("$s", scope), ("$n", name)).ConfigureAwait(false) is string v ? v : null,
            cancellationToken);

    /// <summary>Sets cursors in one transaction (a null value removes one), so a run's cursors move together or not at all.</summary>
    internal Task SetCursorsAsync(string scope, IReadOnlyDictionary<string, string?> cursors, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            foreach (var (name, value) in cursors)
            {
                if (value is null) await ExecuteAsync("DELETE FROM inc_cursors WHERE scope = $s AND name = $n", cancellationToken, tx, ("$s", scope), ("$n", name)).ConfigureAwait(false);
                else await ExecuteAsync("INSERT OR REPLACE INTO inc_cursors (scope, name, value) VALUES ($s, $n, $v)", cancellationToken, tx, ("$s", scope), ("$n", name), ("$v", value)).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Drops what populates kept for a scope (a full read starts afresh); what pushes sent is kept.</summary>
    internal Task ClearScopeAsync(string scope, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            foreach (var table in new[] { "inc_members", "inc_contacts", "inc_signals", "inc_signal_contacts" })
                await ExecuteAsync($"DELETE FROM {table} WHERE scope = $s", cancellationToken, tx, ("$s", scope)).ConfigureAwait(false);
            // What the pushes sent stays: a full read does not make the next push write contacts that did not change.
            await ExecuteAsync("DELETE FROM inc_cursors WHERE scope = $s AND name NOT LIKE 'push%'", cancellationToken, tx, ("$s", scope)).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Adds members to a segment; with <paramref name="replace"/> the segment's other members are dropped first.</summary>
    internal Task SetMembersAsync(string scope, string segmentKey, IReadOnlyCollection<string> contactKeys, bool replace, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            if (replace) await ExecuteAsync("DELETE FROM inc_members WHERE scope = $s AND segment_key = $g", cancellationToken, tx, ("$s", scope), ("$g", segmentKey)).ConfigureAwait(false);
            await using var insert = Command("INSERT OR IGNORE INTO inc_members (scope, segment_key, contact_key) VALUES ($s, $g, $c)", tx, ("$s", scope), ("$g", segmentKey), ("$c", ""));
            foreach (var key in contactKeys)
            {
                insert.Parameters["$c"].Value = key;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Of the given contacts, those that are not members of the segment in the store.</summary>
    internal Task<List<string>> WithoutMembershipAsync(string scope, string segmentKey, IReadOnlyCollection<string> contactKeys, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var missing = new List<string>();
            await using var cmd = Command("SELECT 1 FROM inc_members WHERE scope = $s AND segment_key = $g AND contact_key = $c", null, ("$s", scope), ("$g", segmentKey), ("$c", ""));
            foreach (var key in contactKeys)
            {
                cmd.Parameters["$c"].Value = key;
                if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null) missing.Add(key);
            }
            return missing;
        }, cancellationToken);

    /// <summary>How many members a segment has in the store.</summary>
    internal Task<long> CountMembersAsync(string scope, string segmentKey, CancellationToken cancellationToken) =>
        LockedAsync(async () => (long)(await ScalarAsync("SELECT COUNT(*) FROM inc_members WHERE scope = $s AND segment_key = $g", cancellationToken, ("$s", scope), ("$g", segmentKey)).ConfigureAwait(false))!,
            cancellationToken);

    /// <summary>Of the given contacts, those whose facts are not kept.</summary>
    internal Task<List<string>> WithoutFactsAsync(string scope, IReadOnlyCollection<string> contactKeys, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var missing = new List<string>();
            await using var cmd = Command("SELECT 1 FROM inc_contacts WHERE scope = $s AND contact_key = $c", null, ("$s", scope), ("$c", ""));
            foreach (var key in contactKeys)
            {
                cmd.Parameters["$c"].Value = key;
                if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null) missing.Add(key);
            }
            return missing;
        }, cancellationToken);

    /// <summary>The facts kept for some contacts (JSON by contact key); a contact not kept is left out.</summary>
    internal Task<Dictionary<string, string>> GetFactsAsync(string scope, IReadOnlyCollection<string> contactKeys, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            await ReadInChunksAsync("SELECT contact_key, json FROM inc_contacts WHERE scope = $k AND contact_key IN ({0})", scope, contactKeys,
                r => facts[r.GetString(0)] = r.GetString(1), cancellationToken).ConfigureAwait(false);
            return facts;
        }, cancellationToken);

    /// <summary>Keeps contacts' facts; with <paramref name="onlyKnown"/> a contact not kept already is ignored (a change to someone who is no member).</summary>
    /// <returns>How many were written.</returns>
    internal Task<int> UpsertContactsAsync(string scope, IReadOnlyCollection<(string Key, string Json)> contacts, bool onlyKnown, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            int written = 0;
            var sql = onlyKnown
                ? "UPDATE inc_contacts SET json = $j WHERE scope = $s AND contact_key = $c"
                : "INSERT INTO inc_contacts (scope, contact_key, json) VALUES ($s, $c, $j) ON CONFLICT (scope, contact_key) DO UPDATE SET json = excluded.json";
            await using var cmd = Command(sql, tx, ("$s", scope), ("$c", ""), ("$j", ""));
            foreach (var (key, json) in contacts)
            {
                cmd.Parameters["$c"].Value = key;
                cmd.Parameters["$j"].Value = json;
                written += await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return written;
        }, cancellationToken);

    /// <summary>Forgets contacts that no longer exist: their facts, memberships and links to objection records.</summary>
    internal Task DeleteContactsAsync(string scope, IReadOnlyCollection<string> contactKeys, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            foreach (var table in new[] { "inc_contacts", "inc_members", "inc_signal_contacts", "inc_pushed" })
            {
                await using var cmd = Command($"DELETE FROM {table} WHERE scope = $s AND contact_key = $c", tx, ("$s", scope), ("$c", ""));
                foreach (var key in contactKeys)
                {
                    cmd.Parameters["$c"].Value = key;
                    await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> members of the segments whose objection records have not been read yet, in key order.</summary>
    internal Task<List<string>> ContactsWithoutSignalsAsync(string scope, IReadOnlyCollection<string> segmentKeys, int limit, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var keys = new List<string>();
            await using var cmd = Command($"""
                SELECT c.contact_key FROM inc_contacts c
                WHERE c.scope = $s AND c.signals_read = 0
                  AND EXISTS (SELECT 1 FROM inc_members m WHERE m.scope = $s AND m.contact_key = c.contact_key AND m.segment_key IN ({InList(segmentKeys.Count)}))
                ORDER BY c.contact_key LIMIT $n
                """, null, [("$s", scope), ("$n", Math.Max(1, limit)), .. InParameters(segmentKeys)]);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) keys.Add(reader.GetString(0));
            return keys;
        }, cancellationToken);

    /// <summary>
    /// Keeps objection records found for some contacts and marks those contacts' records as read, in one transaction.
    /// A record already kept gains the links; one that <paramref name="replaceLinks"/> names is relinked to exactly its contacts.
    /// </summary>
    internal Task SaveSignalsAsync(string scope, IReadOnlyCollection<(string Key, string SortKey, string? Json, IReadOnlyCollection<string> ContactKeys)> signals,
        IReadOnlyCollection<string> contactsRead, bool replaceLinks, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            await using var upsert = Command("INSERT OR REPLACE INTO inc_signals (scope, signal_key, sort_key, json) VALUES ($s, $k, $o, $j)", tx, ("$s", scope), ("$k", ""), ("$o", ""), ("$j", ""));
            await using var delete = Command("DELETE FROM inc_signals WHERE scope = $s AND signal_key = $k", tx, ("$s", scope), ("$k", ""));
            await using var unlink = Command("DELETE FROM inc_signal_contacts WHERE scope = $s AND signal_key = $k", tx, ("$s", scope), ("$k", ""));
            await using var link = Command("INSERT OR IGNORE INTO inc_signal_contacts (scope, contact_key, signal_key) VALUES ($s, $c, $k)", tx, ("$s", scope), ("$c", ""), ("$k", ""));
            foreach (var (key, sortKey, json, contacts) in signals)
            {
                if (replaceLinks || json is null)
                {
                    unlink.Parameters["$k"].Value = key;
                    await unlink.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                if (json is null)
                {
                    delete.Parameters["$k"].Value = key;
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                upsert.Parameters["$k"].Value = key;
                upsert.Parameters["$o"].Value = sortKey;
                upsert.Parameters["$j"].Value = json;
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                link.Parameters["$k"].Value = key;
                foreach (var c in contacts)
                {
                    link.Parameters["$c"].Value = c;
                    await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            await using var mark = Command("UPDATE inc_contacts SET signals_read = 1 WHERE scope = $s AND contact_key = $c", tx, ("$s", scope), ("$c", ""));
            foreach (var c in contactsRead)
            {
                mark.Parameters["$c"].Value = c;
                await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Streams the distinct members of the segments with their facts, in key order, 1,000 at a time.</summary>
    internal async IAsyncEnumerable<IReadOnlyList<(string Key, string Json)>> StreamMembersAsync(string scope, IReadOnlyCollection<string> segmentKeys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string after = string.Empty;
        while (true)
        {
            var chunk = await LockedAsync(async () =>
            {
                var rows = new List<(string, string)>(Chunk);
                string? last = null;
                await using var cmd = Command($"""
                    SELECT m.contact_key, c.json FROM
                      (SELECT DISTINCT contact_key FROM inc_members WHERE scope = $s AND segment_key IN ({InList(segmentKeys.Count)}) AND contact_key > $a ORDER BY contact_key LIMIT {Chunk}) m
                    LEFT JOIN inc_contacts c ON c.scope = $s AND c.contact_key = m.contact_key
                    ORDER BY m.contact_key
                    """, null, [("$s", scope), ("$a", after), .. InParameters(segmentKeys)]);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // A member whose facts are missing (deleted since it joined) is not counted, as a full read leaves it out.
                    last = reader.GetString(0);
                    if (!reader.IsDBNull(1)) rows.Add((last, reader.GetString(1)));
                }
                return (Rows: rows, Last: last);
            }, cancellationToken).ConfigureAwait(false);
            if (chunk.Rows.Count > 0) yield return chunk.Rows;
            if (chunk.Last is null) yield break;
            after = chunk.Last;
        }
    }

    /// <summary>The objection records linked to any of the contacts, each once, in their sort order.</summary>
    internal Task<List<string>> SignalsOfAsync(string scope, IReadOnlyCollection<string> contactKeys, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var json = new List<string>();
            if (contactKeys.Count == 0) return json;
            await using var cmd = Command($"""
                SELECT s.json FROM inc_signals s
                WHERE s.scope = $s AND s.signal_key IN (SELECT signal_key FROM inc_signal_contacts WHERE scope = $s AND contact_key IN ({InList(contactKeys.Count)}))
                ORDER BY s.sort_key
                """, null, [("$s", scope), .. InParameters(contactKeys)]);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) json.Add(reader.GetString(0));
            return json;
        }, cancellationToken);

    /// <summary>Of the given contacts, those whose pushed hash is not the given one (never pushed, or pushed with other content).</summary>
    internal Task<HashSet<string>> ChangedSincePushAsync(string scope, IReadOnlyCollection<(string Key, string Hash)> contacts, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            var changed = new HashSet<string>(StringComparer.Ordinal);
            await using var cmd = Command("SELECT hash FROM inc_pushed WHERE scope = $s AND contact_key = $c", null, ("$s", scope), ("$c", ""));
            foreach (var (key, hash) in contacts)
            {
                cmd.Parameters["$c"].Value = key;
                if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string != hash) changed.Add(key);
            }
            return changed;
        }, cancellationToken);

    /// <summary>Records what a push wrote onto contacts.</summary>
    internal Task SetPushedAsync(string scope, IReadOnlyCollection<(string Key, string Hash)> contacts, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx =>
        {
            await using var cmd = Command("INSERT OR REPLACE INTO inc_pushed (scope, contact_key, hash) VALUES ($s, $c, $h)", tx, ("$s", scope), ("$c", ""), ("$h", ""));
            foreach (var (key, hash) in contacts)
            {
                cmd.Parameters["$c"].Value = key;
                cmd.Parameters["$h"].Value = hash;
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    private Task InTransactionAsync(Func<SqliteTransaction, Task> action, CancellationToken cancellationToken) =>
        InTransactionAsync(async tx => { await action(tx).ConfigureAwait(false); return true; }, cancellationToken);

    private Task<T> InTransactionAsync<T>(Func<SqliteTransaction, Task<T>> action, CancellationToken cancellationToken) =>
        LockedAsync(async () =>
        {
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await action(tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Runs a query whose <c>{0}</c> is an <c>IN</c> list over <paramref name="values"/>, 500 values a statement, with
    /// <c>$k</c> bound to <paramref name="key"/>, and hands each row to <paramref name="row"/>. Call it under the lock.
    /// </summary>
    private async Task ReadInChunksAsync(string sql, string key, IReadOnlyCollection<string> values, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        foreach (var chunk in values.Chunk(500))
        {
            await using var cmd = Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, InList(chunk.Length)), null, [("$k", key), .. InParameters(chunk)]);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) row(reader);
        }
    }

    private static string InList(int count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.Append(i == 0 ? "" : ", ").Append("$in").Append(i);
        return sb.ToString();
    }

    private static (string, object?)[] InParameters(IReadOnlyCollection<string> values) =>
        values.Select((v, i) => ("$in" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)v)).ToArray();
}
