using JourneyKit.Testing.Emulation;

namespace JourneyKit.Testing.Dataverse;

internal sealed partial class DvHandler
{
    /// <summary>Runs a $batch: plain parts one by one, changesets atomically; stops at the first failure unless continue-on-error.</summary>
    public DvResponse Batch(DvRequest request, string baseUrl)
    {
        var contentType = request.Header("Content-Type") ?? "";
        List<DvBatchPart> parts;
        try { parts = DvMultipart.Parse(contentType, request.Body ?? ""); }
        catch (FormatException ex) { return DvResponse.Error(400, "0x80048d19", "The batch request is malformed: " + ex.Message); }
        int total = parts.Sum(p => p.ChangeSet?.Count ?? 1);
        if (total > options.MaxBatchRequests)
            return DvResponse.Error(400, "0x8006088a", $"The number of requests in the batch ({total}) exceeds the limit of {options.MaxBatchRequests}.");
        bool continueOnError = Prefer.Parse(request.Header("Prefer")).ContinueOnError;
        var responses = new List<DvBatchResult>();
        bool failed = false;
        int? failedStatus = null;
        foreach (var part in parts)
        {
            if (part.ChangeSet is { } changeSet)
            {
                store.BeginChangeSet();
                var pending = new List<EmulatorWrite>();
                var results = new List<(string? ContentId, DvResponse Response)>();
                DvResponse? failure = null;
                string? failedId = null;
                var created = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var inner in changeSet)
                {
                    var r = inner.Request.Method == "GET"
                        ? DvResponse.Error(400, "0x80060888", "GET requests are not allowed inside a changeset.")
                        : Handle(ResolveContentIds(inner.Request, created), baseUrl, pending);
                    if (r.Status >= 400) { failure = r; failedId = inner.ContentId; break; }
                    results.Add((inner.ContentId, r));
                    // A later request of the changeset may name this one's record as $<Content-ID>, in its URL or body.
                    if (inner.ContentId is { } cid && r.Headers.TryGetValue("OData-EntityId", out var entityId)) created[cid] = entityId;
                }
                if (failure is null)
                {
                    store.CommitChangeSet();
                    log.Wrote(pending);
                    responses.Add(new DvBatchResult(null, results));
                }
                else
                {
                    store.RollbackChangeSet();
                    responses.Add(new DvBatchResult(failure, null) { ContentId = failedId });
                    failed = true;
                    failedStatus ??= failure.Status;
                }
            }
            else
            {
                var r = Handle(part.Request!, baseUrl);
                responses.Add(new DvBatchResult(r, null));
                if (r.Status >= 400)
                {
                    failed = true;
                    failedStatus ??= r.Status;
                }
            }
            if (failed && !continueOnError) break;
        }
        var boundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        var text = DvMultipart.Write(boundary, responses);
        // Without continue-on-error Dataverse stops at the first failure and answers the whole batch with its status
        // (404 for a missing record, 412 for a failed condition…), the error itself inside the multipart body.
        return new DvResponse(failed && !continueOnError ? failedStatus ?? 400 : 200, text, "multipart/mixed; boundary=" + boundary);
    }
}
