using System.Globalization;
using System.Text.RegularExpressions;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// The Web API conventions beyond plain record reads and writes: <c>WhoAmI</c>, <c>/$count</c>, associating and
/// disassociating through <c>$ref</c>, and <c>$n</c> Content-ID references inside a changeset.
/// </summary>
internal sealed partial class DvHandler
{
    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)/\$count$")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)\((?<key>[^)]*)\)/(?<nav>[A-Za-z_][A-Za-z0-9_]*)(\((?<related>[^)]*)\))?/\$ref$")]
    private static partial Regex RefPattern();

    [GeneratedRegex(@"^\$(?<id>[A-Za-z0-9_.-]+)(?<rest>/.*)?$")]
    private static partial Regex ContentIdReference();

    /// <summary>Dataverse counts at most 5,000 rows (<c>/$count</c>, <c>$count=true</c>).</summary>
    internal const int MaxCount = 5000;

    /// <summary>The many-to-many relationship the emulator keeps: static marketing lists and their contacts.</summary>
    private const string ListContacts = "listcontact_association";

    private DvResponse? TryHandleExtras(DvRequest request, string path, Dictionary<string, string> query, string baseUrl, List<EmulatorWrite> writes)
    {
        if (TryHandleAudit(request, path, baseUrl) is { } audit) return audit;
        if (path is "WhoAmI" or "WhoAmI()" && request.Method == "GET")
        {
            return DvResponse.Json(200, new JObject
            {
                ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse",
                ["BusinessUnitId"] = options.BusinessUnitId,
                ["UserId"] = options.UserId,
                ["OrganizationId"] = options.OrganizationId,
            });
        }
        if (CountPattern().Match(path) is { Success: true } count && request.Method == "GET") return Count(count.Groups["set"].Value, query);
        if (RefPattern().Match(path) is { Success: true } reference) return Reference(request, reference, query, writes);
        return null;
    }

    /// <summary><c>GET {set}/$count</c>: the number of rows (after <c>$filter</c>) as plain text, at most 5,000 as Dataverse counts.</summary>
    private DvResponse Count(string setName, Dictionary<string, string> query)
    {
        var table = store.Find(setName) ?? throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{setName}'.");
        IEnumerable<JObject> rows = table.Rows;
        if (query.TryGetValue("$filter", out var filterText)) rows = rows.Where(DvFilter.Parse(filterText, table.Schema));
        int n = Math.Min(rows.Count(), MaxCount);
        return new DvResponse(200, n.ToString(CultureInfo.InvariantCulture), "text/plain");
    }

    /// <summary>
    /// <c>POST {set}(id)/{collection}/$ref</c> and <c>DELETE {set}(id)/{collection}(relatedId)/$ref</c> (or <c>?$id=</c>)
    /// for marketing lists and contacts; <c>PUT</c>/<c>DELETE {set}(id)/{lookup}/$ref</c> for single-valued navigations.
    /// </summary>
    private DvResponse Reference(DvRequest request, Match match, Dictionary<string, string> query, List<EmulatorWrite> writes)
    {
        var setName = match.Groups["set"].Value;
        var table = store.Find(setName) ?? throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{setName}'.");
        var row = FindRow(table, match.Groups["key"].Value) ?? throw NotFound(table, match.Groups["key"].Value);
        var nav = match.Groups["nav"].Value;
        var id = (Guid)row[table.Schema.PrimaryKey]!;

        if (nav == ListContacts && setName is "lists" or "contacts")
        {
            var otherSet = setName == "lists" ? "contacts" : "lists";
            var other = store.Tables[otherSet];
            string? relatedKey = match.Groups["related"].Success ? match.Groups["related"].Value : null;
            JObject related;
            if (request.Method == "POST" && relatedKey is null) related = ReferencedRow(BodyReference(request), otherSet);
            else if (request.Method == "DELETE" && relatedKey is not null) related = FindRow(other, relatedKey) ?? throw NotFound(other, relatedKey);
            else if (request.Method == "DELETE" && query.TryGetValue("$id", out var refId)) related = ReferencedRow(refId, otherSet);
            else throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on '{match.Value}'.");
            var relatedId = (Guid)related[other.Schema.PrimaryKey]!;
            var (listId, contactId) = setName == "lists" ? (id, relatedId) : (relatedId, id);
            if (request.Method == "POST") store.AddListMember(listId, contactId);
            else store.RemoveListMember(listId, contactId);
            writes.Add(DvWrites.Of(time.GetUtcNow(), request.Method + " $ref", "lists", listId, false));
            return new DvResponse(204, null);
        }

        var navigation = table.Schema.Navigations.GetValueOrDefault(nav)
            ?? throw DvQueryException.BadRequest($"Could not find a property named '{nav}' on type 'Microsoft.Dynamics.CRM.{table.Schema.LogicalName}'.");
        switch (request.Method)
        {
            case "PUT":
            {
                var target = ReferencedRow(BodyReference(request), navigation.TargetSet);
                store.Set(row, navigation.LookupColumn, (Guid)target[store.Tables[navigation.TargetSet].Schema.PrimaryKey]!);
                break;
            }
            case "DELETE":
                store.Set(row, navigation.LookupColumn, null);
                break;
            default:
                throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on '{match.Value}'.");
        }
        store.Touch(row);
        writes.Add(DvWrites.Of(time.GetUtcNow(), request.Method + " $ref", setName, id, false));
        return new DvResponse(204, null);
    }

    private static string BodyReference(DvRequest request)
    {
        var body = string.IsNullOrWhiteSpace(request.Body) ? new JObject() : JObject.Parse(request.Body);
        return (string?)body["@odata.id"] ?? throw DvQueryException.BadRequest("A $ref request needs a body with \"@odata.id\": the URL of the related record.");
    }

    private JObject ReferencedRow(string reference, string expectedSet) => ResolveReference(reference, expectedSet);

    /// <summary>Replaces <c>$n</c> Content-ID references (of requests earlier in the changeset) in a request's URL and body with their records' URLs.</summary>
    private static DvRequest ResolveContentIds(DvRequest request, Dictionary<string, string> created)
    {
        if (created.Count == 0) return request;
        var target = request.Target;
        var (path, _) = Split(target);
        if (ContentIdReference().Match(path) is { Success: true } m && created.TryGetValue(m.Groups["id"].Value, out var url))
        {
            int q = target.IndexOf('?', StringComparison.Ordinal);
            target = url + m.Groups["rest"].Value + (q >= 0 ? target[q..] : string.Empty);
        }
        var body = request.Body;
        if (!string.IsNullOrWhiteSpace(body) && body.Contains('$', StringComparison.Ordinal))
        {
            var json = JToken.Parse(body);
            foreach (var value in json.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
            {
                if (ContentIdReference().Match((string)value!) is { Success: true } r && created.TryGetValue(r.Groups["id"].Value, out var entity))
                    value.Value = entity + r.Groups["rest"].Value;
            }
            body = json.ToString(Newtonsoft.Json.Formatting.None);
        }
        return request with { Target = target, Body = body };
    }
}
