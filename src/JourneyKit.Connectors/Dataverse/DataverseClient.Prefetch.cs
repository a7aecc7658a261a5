using System.Collections.Concurrent;
using JourneyKit.Connectors.Http;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

// GETs sent ahead as the parts of one $batch, so that an incremental populate that finds nothing changed costs one
// request instead of one per table and list. Microsoft's "Execute batch operations using the Web API"
// (learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api) says a batch
// "can include GET requests and change sets", GETs outside change sets, each part an HTTP request with its own headers
// (OData 4.01 §11.7, Batch Requests); it does not say in so many words that Prefer: odata.track-changes is honoured
// inside a batch part, so a part that fails, or answers without what we need, is simply read again on its own: the
// prefetch saves requests, it never changes what is read (fairly sure of the batch rules, less of track-changes in
// a part: the fallback covers it).
public partial class DataverseClient
{
    internal const string ChangesPreferPrefix = "odata.track-changes,odata.maxpagesize=";

    internal const string RetrievePrefer = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";

    /// <summary>Answers of prefetched GETs by absolute URL; each is used once, by the read that asks for that URL.</summary>
    private readonly ConcurrentDictionary<string, CrmHttpResult<JObject>> _prefetched = new(StringComparer.Ordinal);

    private string ChangesPrefer => ChangesPreferPrefix + PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Sends GETs as the parts of one <c>$batch</c> (continue-on-error, 1,000 parts a batch) and keeps the successful
    /// answers for the reads that ask for the same URLs next; what was kept from an earlier prefetch is dropped.
    /// </summary>
    /// <param name="gets">The URLs (under <see cref="ApiRoot"/>), each with the kind of read that will ask for it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The requests sent.</returns>
    internal async Task<int> PrefetchAsync(IReadOnlyList<(Uri Url, bool Changes)> gets, CancellationToken cancellationToken)
    {
        _prefetched.Clear();
        // One GET is no cheaper in a batch.
        if (gets.Count < 2) return 0;
        int sent = 0;
        var root = _apiRoot.AbsoluteUri;
        foreach (var chunk in gets.Where(g => g.Url.AbsoluteUri.StartsWith(root, StringComparison.Ordinal)).DistinctBy(g => g.Url.AbsoluteUri).Chunk(1000))
        {
            var parts = chunk.Select(g => DataverseBatchPart.Single(new DataverseBatchRequest("GET", g.Url.AbsoluteUri[root.Length..])
            {
                Headers = new Dictionary<string, string> { ["Prefer"] = g.Changes ? ChangesPrefer : RetrievePrefer, ["If-None-Match"] = "null" },
            })).ToList();
            var response = await ExecuteBatchAsync(parts, continueOnError: true, idempotent: true, cancellationToken).ConfigureAwait(false);
            sent++;
            for (int i = 0; i < chunk.Length && i < response.Results.Count; i++)
            {
                var result = response.Results[i];
                if (!result.IsSuccess || result.Body is null) continue;
                JObject body;
                try { body = ParseObject(result.Body, null!); }
                catch (Newtonsoft.Json.JsonException) { continue; }
                _prefetched[chunk[i].Url.AbsoluteUri] = new CrmHttpResult<JObject>(result.StatusCode, body, response.RequestId);
            }
        }
        return sent;
    }

    private CrmHttpResult<JObject>? TakePrefetched(Uri url) => _prefetched.TryRemove(url.AbsoluteUri, out var result) ? result : null;
}
