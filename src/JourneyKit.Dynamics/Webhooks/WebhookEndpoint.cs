using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>Maps the Dataverse contact webhook onto an ASP.NET Core app (minimal API).</summary>
public static class WebhookEndpoint
{
    /// <summary>The largest body accepted by default: Dataverse sends at most 256 KB (then drops the images), so 1 MiB is ample.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Maps <c>POST {pattern}</c> to the handler. The answer is JSON <c>{"outcome":"…","message":"…"}</c> with the
    /// handler's status code; bodies over <paramref name="maxBodyBytes"/> get 413. Hosts should not log request URLs
    /// at information level: with WebhookKey auth the key is in the query string.
    /// </summary>
    /// <param name="endpoints">The app's route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/journeykit/webhook/contact</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="maxBodyBytes">The largest body accepted.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapJourneyKitWebhook(this IEndpointRouteBuilder endpoints, string pattern,
        ContactEventHandler handler, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 1);
        return endpoints.MapPost(pattern, (HttpContext http) => HandleAsync(http, handler, maxBodyBytes));
    }

    private static async Task HandleAsync(HttpContext http, ContactEventHandler handler, int maxBodyBytes)
    {
        var body = await ReadBodyAsync(http.Request, maxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        WebhookResponse response = body is null
            ? handler.TooLarge(maxBodyBytes, headers)
            : await handler.HandleAsync(new WebhookRequest
            {
                Headers = headers,
                Query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Body = body,
            }, http.RequestAborted).ConfigureAwait(false);

        http.Response.StatusCode = response.StatusCode;
        // The rest of a refused body is never read, so the connection cannot carry another request:
        // say so, or a caller that reuses it (HttpClient's pool, Dataverse's retry) meets a closed socket.
        if (body is null) http.Response.Headers.Connection = "close";
        http.Response.ContentType = "application/json; charset=utf-8";
        string json = JsonConvert.SerializeObject(new
        {
            outcome = response.Outcome.ToString().ToLowerInvariant(),
            message = response.Message,
            personaId = response.PersonaId,
        }, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });
        await http.Response.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads the body as UTF-8 text, or null when it is larger than the limit.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body has no Content-Length: Kestrel's own limit stops it mid-read.
            return null;
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
