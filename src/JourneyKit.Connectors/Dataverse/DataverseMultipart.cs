using System.Globalization;
using System.Text;
using JourneyKit.Shared.Dataverse;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>Writes <c>$batch</c> request bodies and reads <c>$batch</c> responses (OData v4 multipart/mixed, CRLF line ends).</summary>
internal static class DataverseMultipart
{
    /// <summary>Writes the multipart body of a batch; URLs are written relative to <paramref name="apiPath"/>.</summary>
    public static string Write(string boundary, IReadOnlyList<DataverseBatchPart> parts, string apiPath)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            sb.Append("--").Append(boundary).Append("\r\n");
            if (part.ChangeSet is { } changeSet)
            {
                var inner = "changeset_" + System.Guid.NewGuid().ToString("N");
                sb.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append("\r\n\r\n");
                int n = 0;
                foreach (var request in changeSet)
                {
                    n++;
                    sb.Append("--").Append(inner).Append("\r\n");
                    sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
                    sb.Append("Content-ID: ").Append(request.ContentId ?? n.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
                    WriteRequest(sb, request, apiPath);
                }
                sb.Append("--").Append(inner).Append("--\r\n");
            }
            else
            {
                sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
                WriteRequest(sb, part.Request!, apiPath);
            }
        }
        sb.Append("--").Append(boundary).Append("--\r\n");
        return sb.ToString();
    }

    private static void WriteRequest(StringBuilder sb, DataverseBatchRequest request, string apiPath)
    {
        sb.Append(request.Method).Append(' ').Append(apiPath).Append(request.Url.TrimStart('/')).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in request.Headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        if (request.Body is not null)
        {
            sb.Append("Content-Type: application/json; type=entry\r\n\r\n");
            sb.Append(request.Body.ToString(Formatting.None)).Append("\r\n");
        }
        else
        {
            sb.Append("\r\n");
        }
    }

    /// <summary>Reads a batch response into one result per answered request (a failed changeset gives one result).</summary>
    /// <exception cref="FormatException">The body is not a well-formed multipart batch response.</exception>
    public static List<DataverseBatchResult> Read(string contentType, string body)
    {
        var boundary = MultipartCodec.Boundary(contentType) ?? throw new FormatException($"The batch response's Content-Type '{contentType}' has no boundary.");
        var results = new List<DataverseBatchResult>();
        foreach (var (headers, content) in MultipartCodec.Split(body, boundary))
        {
            var type = headers.GetValueOrDefault("Content-Type") ?? "";
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var inner = MultipartCodec.Boundary(type) ?? throw new FormatException("A changeset response has no boundary.");
                foreach (var (h, c) in MultipartCodec.Split(content, inner)) results.Add(ReadHttp(c, h.GetValueOrDefault("Content-ID")));
            }
            else
            {
                results.Add(ReadHttp(content, headers.GetValueOrDefault("Content-ID")));
            }
        }
        return results;
    }

    private static DataverseBatchResult ReadHttp(string content, string? contentId)
    {
        var text = content.TrimStart('\r', '\n');
        int blank = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = blank < 0 ? text.TrimEnd() : text[..blank];
        var body = blank < 0 ? null : text[(blank + 4)..].TrimEnd('\r', '\n');
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
            throw new FormatException($"'{lines[0]}' is not an HTTP status line.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        string? errorCode = null, errorMessage = null;
        if (code >= 400 && !string.IsNullOrEmpty(body)) (errorCode, errorMessage) = ReadError(body);
        return new DataverseBatchResult(code, contentId, headers, string.IsNullOrEmpty(body) ? null : body) { ErrorCode = errorCode, ErrorMessage = errorMessage };
    }

    /// <summary>Reads Dataverse's <c>{"error":{"code","message"}}</c>; tolerates any other body.</summary>
    public static (string? Code, string? Message) ReadError(string body)
    {
        try
        {
            // Dates stay text: an error message such as "/Date(99999999999999999)/" must not throw while being read.
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is JObject o && o["error"] is JObject error) return ((string?)error["code"], (string?)error["message"]);
        }
        catch (JsonException)
        {
            // Not JSON: there is no code to report, and the raw body is not quoted (it may be large or HTML).
        }
        return (null, null);
    }
}
