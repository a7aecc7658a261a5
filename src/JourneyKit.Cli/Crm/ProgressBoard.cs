using JourneyKit.Connectors.Sync;

namespace JourneyKit.Cli.Crm;

/// <summary>
/// What the progress bars show, kept apart from the terminal so it can be tested without one: one row per phase and
/// persona, whose value is never cut to a maximum. A phase without a known total is indeterminate, its maximum
/// follows its count (a bar cannot hold more than its maximum), and it shows the count alone.
/// </summary>
internal sealed class ProgressBoard
{
    private readonly Dictionary<string, ProgressRow> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The rows, in the order they first appeared.</summary>
    public IEnumerable<ProgressRow> Rows => _order.Select(k => _rows[k]);

    /// <summary>Takes a report and gives the row it updated.</summary>
    public ProgressRow Report(SyncProgress progress)
    {
        var key = $"{progress.Phase} {progress.PersonaId}";
        long? total = progress.Total is > 0 ? progress.Total : null;
        if (!_rows.TryGetValue(key, out var row)) _order.Add(key);
        long? known = total ?? row?.Total;
        double max = Math.Max(Math.Max(1, known ?? 0), Math.Max(progress.Done, row?.MaxValue ?? 1));
        row = new ProgressRow(key, SyncProgressDisplay.Describe(progress), progress.Done, max, known, Indeterminate: known is null, Finished: false);
        _rows[key] = row;
        return row;
    }

    /// <summary>Marks every row finished: a bar without a known total ends full, at its count.</summary>
    public IReadOnlyList<ProgressRow> Complete()
    {
        foreach (var key in _order)
        {
            var row = _rows[key];
            _rows[key] = row with { MaxValue = row.Total is null ? Math.Max(row.Value, 1) : row.MaxValue, Finished = true };
        }
        return [.. Rows];
    }
}

/// <summary>One progress bar: its description, count, maximum, and whether its total is known.</summary>
internal sealed record ProgressRow(string Key, string Description, double Value, double MaxValue, long? Total, bool Indeterminate, bool Finished);
