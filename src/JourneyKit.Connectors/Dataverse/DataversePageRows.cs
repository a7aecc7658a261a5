using System.Collections;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// The rows of one query page, parsed one at a time from the page's body as they are enumerated, so that a page of 5,000
/// rows costs its body and one row's tree, not the tree of the whole page (which is several times the text: a member page
/// with formatted values and the expanded account is tens of MB as objects). The body is kept as UTF-8 bytes in small
/// chunks (<see cref="Http.CrmBody"/>), not as one string. <see cref="Read(Func{TextReader})"/> checks the whole body
/// first, so a malformed body still fails before any row is handed out (and is retried as before).
/// </summary>
internal sealed class DataversePageRows : IReadOnlyList<JObject>
{
    private readonly Func<TextReader> _open;
    private List<JObject>? _materialized;

    private DataversePageRows(Func<TextReader> open, int count)
    {
        _open = open;
        Count = count;
    }

    /// <summary>The number of rows (the objects of the page's <c>value</c> array).</summary>
    public int Count { get; }

    /// <summary>A row by position: the first such access parses and keeps them all.</summary>
    public JObject this[int index] => (_materialized ??= [.. this])[index];

    /// <summary>Checks a page's text (see <see cref="Read(Func{TextReader})"/>).</summary>
    /// <param name="text">The body.</param>
    /// <returns>The rows (null when the body has no <c>value</c> array) and the next link.</returns>
    /// <exception cref="JsonReaderException">The body is not one well-formed JSON object.</exception>
    public static (DataversePageRows? Rows, string? NextLink) Read(string text) => Read(() => new StringReader(text));

    /// <summary>
    /// Checks a page's body token by token (no tree is built) and finds its <c>value</c> array and <c>@odata.nextLink</c>.
    /// </summary>
    /// <param name="open">Opens a reader of the body from its start; called once here, then once per enumeration of the rows.</param>
    /// <returns>The rows (null when the body has no <c>value</c> array) and the next link.</returns>
    /// <exception cref="JsonReaderException">The body is not one well-formed JSON object.</exception>
    public static (DataversePageRows? Rows, string? NextLink) Read(Func<TextReader> open)
    {
        using var reader = Reader(open());
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            throw new JsonReaderException($"Expected a JSON object but found {(reader.TokenType == JsonToken.None ? "nothing" : reader.TokenType.ToString())}.");
        int? count = null;
        string? next = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            if (!reader.Read()) break;
            if (name == "value" && reader.TokenType == JsonToken.StartArray)
            {
                int rows = 0;
                while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                {
                    if (reader.TokenType == JsonToken.StartObject) rows++;
                    reader.Skip();
                }
                count = rows;
            }
            else if (name == "@odata.nextLink" && reader.TokenType == JsonToken.String)
            {
                next = (string)reader.Value!;
            }
            else
            {
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonToken.EndObject) throw new JsonReaderException("The JSON object is not closed.");
        return (count is { } n ? new DataversePageRows(open, n) : null, next);
    }

    /// <summary>Parses the rows in order, each when it is reached.</summary>
    public IEnumerator<JObject> GetEnumerator()
    {
        if (_materialized is not null)
        {
            foreach (var row in _materialized) yield return row;
            yield break;
        }
        using var reader = Reader(_open());
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            if (name != "value" || reader.TokenType != JsonToken.StartArray)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonToken.EndArray)
            {
                if (reader.TokenType == JsonToken.StartObject) yield return JObject.Load(reader);
                else reader.Skip();
            }
            yield break;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The settings of the client's other bodies: dates and decimals stay as Dataverse wrote them.
    private static JsonTextReader Reader(TextReader text) =>
        new(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
}
