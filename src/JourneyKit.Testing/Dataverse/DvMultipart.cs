using System.Globalization;
using System.Text;
using JourneyKit.Shared.Dataverse;

namespace JourneyKit.Testing.Dataverse;

/// <summary>One response of a $batch: a plain response, or a committed changeset's responses.</summary>
internal sealed record DvBatchResult(DvResponse? Single, List<(string? ContentId, DvResponse Response)>? ChangeSet)
{
    /// <summary>For a failed changeset: the Content-ID of the request that failed.</summary>
    public string? ContentId { get; init; }
}

/// <summary>One part of a $batch request: a plain request or a changeset.</summary>
internal sealed record DvBatchPart(DvRequest? Request, List<(string? ContentId, DvRequest Request)>? ChangeSet);

/// <summary>Reads and writes the multipart/mixed bodies of $batch.</summary>
internal static class DvMultipart
{
    public static List<DvBatchPart> Parse(string contentType, string body)
    {
        var boundary = MultipartCodec.Boundary(contentType) ?? throw new FormatException("the Content-Type has no multipart boundary.");
        var parts = new List<DvBatchPart>();
        foreach (var (headers, content) in MultipartCodec.Split(body, boundary))
        {
            var type = headers.GetValueOrDefault("Content-Type") ?? "";
            if (type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var inner = MultipartCodec.Boundary(type) ?? throw new FormatException("a changeset has no boundary.");
                var changeSet = new List<(string?, DvRequest)>();
                foreach (var (h, c) in MultipartCodec.Split(content, inner))
                {
                    changeSet.Add((h.GetValueOrDefault("Content-ID"), ParseHttp(c)));
                }
                parts.Add(new DvBatchPart(null, changeSet));
            }
            else
            {
                parts.Add(new DvBatchPart(ParseHttp(content), null));
            }
        }
        return parts;
    }

    public static string Write(string boundary, List<DvBatchResult> results)
    {
        var sb = new StringBuilder();
        foreach (var result in results)
        {
            sb.Append("--").Append(boundary).Append("\r\n");
            if (result.ChangeSet is { } changeSet)
            {
                var inner = "changesetresponse_" + Guid.NewGuid().ToString("D");
                sb.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append("\r\n\r\n");
                foreach (var (contentId, response) in changeSet)
                {
                    sb.Append("--").Append(inner).Append("\r\n");
                    sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
                    if (contentId is not null) sb.Append("Content-ID: ").Append(contentId).Append("\r\n");
                    sb.Append("\r\n");
                    WriteHttp(sb, response);
                }
                sb.Append("--").Append(inner).Append("--\r\n");
            }
            else
            {
                sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
                if (result.ContentId is not null) sb.Append("Content-ID: ").Append(result.ContentId).Append("\r\n");
                sb.Append("\r\n");
                WriteHttp(sb, result.Single!);
            }
        }
        sb.Append("--").Append(boundary).Append("--\r\n");
        return sb.ToString();
    }

    private static void WriteHttp(StringBuilder sb, DvResponse response)
    {
        sb.Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(DvResponse.ReasonPhrase(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.Headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        if (response.Body is not null) sb.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        sb.Append("OData-Version: 4.0\r\n\r\n");
        if (response.Body is not null) sb.Append(response.Body);
        sb.Append("\r\n");
    }

    private static DvRequest ParseHttp(string content)
    {
        int blank = content.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = blank < 0 ? content.TrimEnd() : content[..blank];
        var body = blank < 0 ? null : content[(blank + 4)..].TrimEnd('\r', '\n');
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 2) throw new FormatException($"'{lines[0]}' is not an HTTP request line.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new DvRequest(requestLine[0], requestLine[1], headers, string.IsNullOrEmpty(body) ? null : body);
    }
}
