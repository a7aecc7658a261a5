namespace JourneyKit.Connectors.Dataverse.Clients;

/// <summary>
/// Dataverse <c>$batch</c>: up to 1,000 requests in one call, changesets that succeed or fail together, and many
/// batches at the parallelism Dataverse suggests (<c>x-ms-dop-hint</c>). Obtain it from <see cref="DataverseClient.Batch"/>.
/// </summary>
public class DataverseBatchClient
{
    private readonly DataverseClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected DataverseBatchClient()
    {
    }

    /// <summary>Creates a batch client over a connection.</summary>
    /// <param name="client">The Dataverse client whose auth, retries and error handling every request uses.</param>
    public DataverseBatchClient(DataverseClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Sends one <c>$batch</c> of parts (single requests and changesets).</summary>
    /// <param name="parts">The parts, at most 1,000 requests in all.</param>
    /// <param name="continueOnError">Whether to send <c>Prefer: odata.continue-on-error</c>, so each part gets its own status.</param>
    /// <param name="idempotent">Whether the whole batch may be resent after a dropped connection or a 5xx (true for upserts by key and conditional updates).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The parts' responses, whatever their statuses (see <see cref="DataverseBatchResponse.IsSuccess"/>).</returns>
    /// <exception cref="ArgumentException">The batch is empty or holds more than 1,000 requests.</exception>
    public virtual Task<DataverseBatchResponse> ExecuteAsync(IReadOnlyList<DataverseBatchPart> parts, bool continueOnError = false, bool idempotent = false, CancellationToken cancellationToken = default) =>
        _client.ExecuteBatchAsync(parts, continueOnError, idempotent, cancellationToken);

    /// <summary>Sends one <c>$batch</c> holding one atomic changeset: all its writes are made, or none.</summary>
    /// <param name="requests">The writes (no GETs), at most 1,000.</param>
    /// <param name="idempotent">Whether the batch may be resent after a dropped connection or a 5xx.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response; a failed changeset has one result naming the failing request's Content-ID when Dataverse gives it.</returns>
    /// <exception cref="ArgumentException">The changeset is empty, holds a GET, or holds more than 1,000 requests.</exception>
    public virtual Task<DataverseBatchResponse> ExecuteChangeSetAsync(IReadOnlyList<DataverseBatchRequest> requests, bool idempotent = false, CancellationToken cancellationToken = default) =>
        _client.ExecuteBatchAsync([DataverseBatchPart.Atomic(requests)], continueOnError: false, idempotent, cancellationToken);

    /// <summary>Sends many batches, at most <see cref="DataverseClient.DegreeOfParallelism"/> at a time.</summary>
    /// <param name="batches">The batches.</param>
    /// <param name="continueOnError">As in <see cref="ExecuteAsync"/>.</param>
    /// <param name="idempotent">As in <see cref="ExecuteAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The responses, in the order of <paramref name="batches"/>.</returns>
    public virtual Task<IReadOnlyList<DataverseBatchResponse>> ExecuteManyAsync(IReadOnlyList<IReadOnlyList<DataverseBatchPart>> batches, bool continueOnError = false, bool idempotent = false, CancellationToken cancellationToken = default) =>
        _client.ExecuteBatchesAsync(batches, continueOnError, idempotent, cancellationToken);
}
