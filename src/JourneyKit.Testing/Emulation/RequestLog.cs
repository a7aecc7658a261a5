using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace JourneyKit.Testing.Emulation;

/// <summary>
/// An emulator's request log: requests per endpoint (rejected ones included), every HTTP request with its answer,
/// the 429s sent, and the writes committed. Both emulators keep theirs in one of these, so they count alike.
/// </summary>
internal sealed class RequestLog
{
    private static readonly string[] SecretFields = ["client_secret", "refresh_token", "code", "password", "client_assertion"];

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private readonly ConcurrentQueue<EmulatorWrite> _writes = new();
    private long _total;
    private long _throttled;

    public IReadOnlyDictionary<string, long> Counts => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public IReadOnlyList<EmulatorRequest> Requests => _requests.ToArray();

    public IReadOnlyList<EmulatorWrite> Writes => _writes.ToArray();

    public long Total => Interlocked.Read(ref _total);

    public long Throttled => Interlocked.Read(ref _throttled);

    public long Count(string endpoint) => _counts.GetValueOrDefault(endpoint);

    /// <summary>Counts an HTTP request as it arrives.</summary>
    /// <returns>Its number among all requests and among the requests to its endpoint.</returns>
    public (long Number, long EndpointNumber) Arrived(string endpoint)
    {
        long number = Interlocked.Increment(ref _total);
        return (number, _counts.AddOrUpdate(endpoint, 1L, (_, n) => n + 1));
    }

    /// <summary>Counts a request that is not an HTTP request of its own (one inside a Dataverse <c>$batch</c>).</summary>
    public void CountInner(string endpoint) => _counts.AddOrUpdate(endpoint, 1L, (_, n) => n + 1);

    /// <summary>Logs an answered request (status 0: the connection was dropped).</summary>
    public void Answered(EmulatorRequest request)
    {
        if (request.StatusCode == 429) Interlocked.Increment(ref _throttled);
        _requests.Enqueue(request);
    }

    /// <summary>Logs committed writes, in the order committed.</summary>
    public void Wrote(IEnumerable<EmulatorWrite> writes)
    {
        foreach (var write in writes) _writes.Enqueue(write);
    }

    public void Reset()
    {
        _counts.Clear();
        _requests.Clear();
        _writes.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _throttled, 0);
    }

    /// <summary>The headers as logged: <c>Authorization</c> cut to its scheme.</summary>
    public static Dictionary<string, string> Redact(IHeaderDictionary headers) =>
        headers.ToDictionary(
            h => h.Key,
            h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? h.Value.ToString().Split(' ')[0] + " ***" : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as logged: the values of secret fields of a form body (an OAuth token request) masked.</summary>
    public static string? Redact(string body, string? contentType)
    {
        if (body.Length == 0) return null;
        if (contentType is null || !contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return body;
        var pairs = body.Split('&');
        for (int i = 0; i < pairs.Length; i++)
        {
            int eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && SecretFields.Contains(Uri.UnescapeDataString(pairs[i][..eq]), StringComparer.Ordinal)) pairs[i] = pairs[i][..eq] + "=***";
        }
        return string.Join('&', pairs);
    }
}
