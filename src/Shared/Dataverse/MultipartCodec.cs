namespace JourneyKit.Shared.Dataverse;

/// <summary>
/// Splits OData v4 multipart/mixed bodies (Dataverse <c>$batch</c> requests and responses) into parts. One source,
/// linked into both JourneyKit.Connectors (reads responses) and JourneyKit.Testing (the emulator reads requests), so a
/// fix reaches both sides. Pinned by tests to the request and response bodies of Microsoft's Web API documentation.
/// </summary>
internal static class MultipartCodec
{
    /// <summary>The <c>boundary</c> parameter of a multipart Content-Type, without quotes; null when there is none.</summary>
    public static string? Boundary(string contentType)
    {
        foreach (var piece in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (piece.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase)) return piece["boundary=".Length..].Trim('"');
        }
        return null;
    }

    /// <summary>The parts between the delimiters of <paramref name="boundary"/>: each part's headers and content.</summary>
    /// <exception cref="FormatException">The boundary does not occur, or a part is not terminated.</exception>
    public static List<(Dictionary<string, string> Headers, string Content)> Split(string body, string boundary)
    {
        // Tolerate bare LF line ends from proxies by normalising to CRLF first.
        if (!body.Contains("\r\n", StringComparison.Ordinal)) body = body.Replace("\n", "\r\n", StringComparison.Ordinal);
        var delimiter = "--" + boundary;
        var result = new List<(Dictionary<string, string>, string)>();
        int pos = body.IndexOf(delimiter, StringComparison.Ordinal);
        if (pos < 0) throw new FormatException($"The boundary '{boundary}' does not occur in the batch body.");
        while (true)
        {
            pos += delimiter.Length;
            if (body.AsSpan(pos).StartsWith("--")) break;
            int next = body.IndexOf("\r\n" + delimiter, pos, StringComparison.Ordinal);
            if (next < 0) throw new FormatException($"A part after boundary '{boundary}' is not terminated (truncated batch body?).");
            var part = body[pos..next].TrimStart('\r', '\n');
            int blank = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headerText = blank < 0 ? part : part[..blank];
            var content = blank < 0 ? "" : part[(blank + 4)..];
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in headerText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            result.Add((headers, content));
            pos = next + 2;
        }
        return result;
    }
}
