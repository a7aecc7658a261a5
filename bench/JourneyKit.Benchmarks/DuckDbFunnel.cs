using DuckDB.NET.Data;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The figures <c>journeykit analyze</c> prints, computed by DuckDB in SQL from the same file: the
/// funnel per persona (journeys, and per stage entered and converted, a journey moving only forward to
/// the furthest stage reached, a new journey after 90 days of silence) and the touchpoint scorecard
/// (volume, scores, their sum). The file must be in time order, as an event log is (the simulator's is):
/// then "silent for 90 days behind the latest timestamp" is "90 days after the customer's previous event".
/// </summary>
internal static class DuckDbFunnel
{
    /// <summary>Per persona: journeys; per (persona, stage position): entered, converted; per touchpoint: volume, score count, score sum.</summary>
    internal sealed record Figures(
        SortedDictionary<string, long> Journeys,
        SortedDictionary<(string Persona, int Stage), (long Entered, long Converted)> Funnel,
        SortedDictionary<string, (long Volume, long Scores, long Sum)> Touchpoints);

    public static Figures Run(JourneyMap map, string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE st (id VARCHAR, pos INTEGER)");
        Execute(connection, "CREATE TABLE tp (id VARCHAR, pos INTEGER)");
        var stages = map.Stages.OrderBy(s => s.Order).Select((s, i) => (s.Id.Value, i)).ToList();
        var position = stages.ToDictionary(s => s.Value, s => s.i);
        Execute(connection, "INSERT INTO st VALUES " + string.Join(",", stages.Select(s => $"('{s.Value}', {s.i})")));
        Execute(connection, "INSERT INTO tp VALUES " + string.Join(",", map.Touchpoints.Select(t => $"('{t.Id.Value}', {position[t.StageId.Value]})")));

        string source = JourneyEventFiles.Detect(path) == JourneyEventFormat.Parquet
            ? $"read_parquet('{path}')"
            : $"read_csv('{path}', header = true, columns = {{'customerId': 'VARCHAR', 'personaId': 'VARCHAR', 'stageId': 'VARCHAR', 'touchpointId': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'satisfaction': 'INTEGER'}})";
        Execute(connection, $"CREATE VIEW events AS SELECT * FROM {source}");

        // One pass over the file: the placed events in a temporary table, then both queries over it.
        Execute(connection, """
            CREATE TEMP TABLE ev AS
            SELECT e.customerId AS c, e.personaId AS p, coalesce(t.pos, s.pos) AS pos, e."timestamp" AS ts, e.touchpointId AS tp, e.satisfaction AS score
            FROM events e LEFT JOIN tp t ON e.touchpointId = t.id LEFT JOIN st s ON e.stageId = s.id
            WHERE CASE WHEN e.touchpointId IS NOT NULL THEN t.pos IS NOT NULL AND (e.stageId IS NULL OR s.pos = t.pos) ELSE s.pos IS NOT NULL END
            """);
        Execute(connection, """
            CREATE TEMP TABLE reached AS
            WITH g AS (
              SELECT *, CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > INTERVAL 90 DAY THEN 1 ELSE 0 END AS starts
              FROM ev WINDOW w AS (PARTITION BY c ORDER BY ts)),
            j AS (
              SELECT c, p, pos, ts, sum(starts) OVER (PARTITION BY c ORDER BY ts ROWS UNBOUNDED PRECEDING) AS jn FROM g),
            r AS (
              SELECT c, jn, first_value(p) OVER (PARTITION BY c, jn ORDER BY ts) AS persona,
                     max(pos) OVER (PARTITION BY c, jn ORDER BY ts ROWS UNBOUNDED PRECEDING) AS m FROM j)
            SELECT DISTINCT c, jn, persona, m FROM r
            """);
        Execute(connection, "CREATE TEMP TABLE final AS SELECT c, jn, any_value(persona) AS persona, max(m) AS fm FROM reached GROUP BY c, jn");
        var journeys = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var funnel = new SortedDictionary<(string, int), (long, long)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT r.persona, r.m, count(*), count(*) FILTER (WHERE r.m < f.fm)
                FROM reached r JOIN final f ON r.c = f.c AND r.jn = f.jn
                GROUP BY r.persona, r.m
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string persona = reader.GetString(0);
                funnel[(persona, reader.GetInt32(1))] = (reader.GetInt64(2), reader.GetInt64(3));
            }
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT persona, count(*) FROM final GROUP BY persona";
            using var reader = command.ExecuteReader();
            while (reader.Read()) journeys[reader.GetString(0)] = reader.GetInt64(1);
        }
        var touchpoints = new SortedDictionary<string, (long, long, long)>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT tp, count(*), count(score) FILTER (WHERE score BETWEEN 1 AND 5), CAST(coalesce(sum(score) FILTER (WHERE score BETWEEN 1 AND 5), 0) AS BIGINT) FROM ev WHERE tp IS NOT NULL GROUP BY tp";
            using var reader = command.ExecuteReader();
            while (reader.Read()) touchpoints[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        return new Figures(journeys, funnel, touchpoints);
    }

    /// <summary>The same figures from JourneyKit's analysis.</summary>
    public static Figures From(JourneyAnalysis analysis)
    {
        var journeys = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var funnel = new SortedDictionary<(string, int), (long, long)>();
        foreach (var f in analysis.Funnels)
        {
            if (f.Journeys == 0) continue;
            journeys[f.PersonaId.Value] = f.Journeys;
            foreach (var s in f.Stages)
            {
                if (s.Entered > 0) funnel[(f.PersonaId.Value, s.Position)] = (s.Entered, s.Converted ?? 0);
            }
        }
        var touchpoints = new SortedDictionary<string, (long, long, long)>(StringComparer.Ordinal);
        foreach (var t in analysis.Touchpoints)
        {
            if (t.Volume > 0) touchpoints[t.TouchpointId.Value] = (t.Volume, t.ScoreCount, t.ScoreCounts.Select((n, k) => n * (k + 1)).Sum());
        }
        return new Figures(journeys, funnel, touchpoints);
    }

    /// <summary>The first difference between two sets of figures, or null when they agree.</summary>
    public static string? Difference(Figures a, Figures b)
    {
        foreach (var (k, v) in a.Journeys.Union(b.Journeys).DistinctBy(kv => kv.Key))
        {
            if (a.Journeys.GetValueOrDefault(k) != b.Journeys.GetValueOrDefault(k))
                return $"journeys of {k}: {a.Journeys.GetValueOrDefault(k)} vs {b.Journeys.GetValueOrDefault(k)}";
        }
        foreach (var key in a.Funnel.Keys.Union(b.Funnel.Keys))
        {
            if (a.Funnel.GetValueOrDefault(key) != b.Funnel.GetValueOrDefault(key))
                return $"funnel {key}: {a.Funnel.GetValueOrDefault(key)} vs {b.Funnel.GetValueOrDefault(key)}";
        }
        foreach (var key in a.Touchpoints.Keys.Union(b.Touchpoints.Keys))
        {
            if (a.Touchpoints.GetValueOrDefault(key) != b.Touchpoints.GetValueOrDefault(key))
                return $"touchpoint {key}: {a.Touchpoints.GetValueOrDefault(key)} vs {b.Touchpoints.GetValueOrDefault(key)}";
        }
        return null;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
