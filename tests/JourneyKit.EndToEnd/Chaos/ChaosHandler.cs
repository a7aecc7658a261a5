namespace JourneyKit.EndToEnd.Chaos;

/// <summary>
/// Sits between a CRM client and the emulator like the process around it: it "kills" the run by cancelling its
/// token at a chosen request (before the request leaves, or after the CRM has answered it, i.e. with the write
/// applied but not yet recorded), and can rewrite one request on its way (to make a changeset fail).
/// </summary>
internal sealed class ChaosHandler(CancellationTokenSource run) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
{
    private int _count;

    /// <summary>The 1-based request at which the run is cancelled; 0 for never.</summary>
    public int CancelAt { get; init; }

    /// <summary>Whether the cancelling request is answered first (in flight when the process dies).</summary>
    public bool CancelAfterResponse { get; init; }

    /// <summary>Rewrites a request before it is sent; returns the new request and what to do with its answer, or null to leave it.</summary>
    public Func<HttpRequestMessage, Task<Rewritten?>>? Rewrite { get; init; }

    /// <summary>Requests seen.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Whether the run was cancelled by this handler.</summary>
    public bool Cancelled { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref _count);
        if (n == CancelAt && !CancelAfterResponse)
        {
            Cancelled = true;
            await run.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        var rewritten = Rewrite is null ? null : await Rewrite(request).ConfigureAwait(false);
        var response = await base.SendAsync(rewritten?.Request ?? request, cancellationToken).ConfigureAwait(false);
        if (rewritten is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            await rewritten.Answered(response).ConfigureAwait(false);
        }
        if (n == CancelAt && CancelAfterResponse)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            Cancelled = true;
            await run.CancelAsync().ConfigureAwait(false);
        }
        return response;
    }
}

/// <summary>A rewritten request and what to check on its answer.</summary>
internal sealed record Rewritten(HttpRequestMessage Request, Func<HttpResponseMessage, Task> Answered);
