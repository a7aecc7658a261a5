namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A CRM wrote some records of a batch and refused others (HubSpot's 207 Multi-Status). The refused records are in
/// <see cref="Failures"/>, each with the CRM's reason; the others were written. Not transient by itself: running the
/// same push again rewrites the batches that had failures, which is harmless for the records already written.
/// </summary>
public class CrmPartialWriteException : CrmException
{
    /// <summary>Creates an exception.</summary>
    public CrmPartialWriteException() { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CrmPartialWriteException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CrmPartialWriteException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The records that were not written, each with the CRM's reason.</summary>
    public IReadOnlyList<CrmRecordError> Failures { get; init; } = [];

    /// <summary>The requests sent by the call that failed partly (they count against the CRM's limits).</summary>
    public int Requests { get; init; }

    /// <summary>The records of the call that were written.</summary>
    public long Written { get; init; }

    /// <summary>A message listing the failures: at most <paramref name="max"/> records, then how many more.</summary>
    /// <param name="lead">The first sentence, e.g. "HubSpot refused 2 of 100 contacts in POST …".</param>
    /// <param name="failures">The failures.</param>
    /// <param name="max">How many to name.</param>
    /// <returns>The message.</returns>
    public static string Describe(string lead, IReadOnlyList<CrmRecordError> failures, int max = 20)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var named = failures.Take(max).Select(f => $"{f.RecordType} {f.RecordId}: {(f.Code is null ? string.Empty : f.Code + ": ")}{f.Message}");
        var more = failures.Count > max ? $"; and {failures.Count - max} more" : string.Empty;
        return $"{lead} {string.Join("; ", named)}{more}. The others were written; run the same command again to retry the refused ones.";
    }
}
