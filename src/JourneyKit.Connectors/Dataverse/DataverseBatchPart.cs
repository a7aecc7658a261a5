namespace JourneyKit.Connectors.Dataverse;

/// <summary>One part of a <c>$batch</c>: a single request, or a changeset whose requests succeed or fail together.</summary>
public sealed record DataverseBatchPart
{
    private DataverseBatchPart(DataverseBatchRequest? request, IReadOnlyList<DataverseBatchRequest>? changeSet)
    {
        Request = request;
        ChangeSet = changeSet;
    }

    /// <summary>The single request, or null for a changeset.</summary>
    public DataverseBatchRequest? Request { get; }

    /// <summary>The changeset's requests, or null for a single request.</summary>
    public IReadOnlyList<DataverseBatchRequest>? ChangeSet { get; }

    /// <summary>The number of requests in the part.</summary>
    public int Count => ChangeSet?.Count ?? 1;

    /// <summary>A single request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The part.</returns>
    public static DataverseBatchPart Single(DataverseBatchRequest request) => new(request ?? throw new ArgumentNullException(nameof(request)), null);

    /// <summary>An atomic changeset (no GETs).</summary>
    /// <param name="requests">The writes.</param>
    /// <returns>The part.</returns>
    public static DataverseBatchPart Atomic(IReadOnlyList<DataverseBatchRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) throw new ArgumentException("A changeset needs at least one request.", nameof(requests));
        if (requests.Any(r => r.Method == "GET")) throw new ArgumentException("A changeset cannot hold GET requests.", nameof(requests));
        return new(null, requests);
    }
}
