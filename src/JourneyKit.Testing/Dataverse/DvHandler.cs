using System.Text.RegularExpressions;
using JourneyKit.Testing.Emulation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>Serves one Web API request against the store: queries, FetchXML, record reads and writes, metadata, $batch.</summary>
internal sealed partial class DvHandler(DvStore store, TimeProvider time, DataverseEmulatorOptions options, RequestLog log)
{
    public const string ServicePath = "/api/data/v9.2/";

    [GeneratedRegex(@"^(?<set>[A-Za-z_][A-Za-z0-9_]*)(\((?<key>[^)]*)\))?(/(?<nav>[A-Za-z_][A-Za-z0-9_]*))?$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^EntityDefinitions\(LogicalName='(?<entity>[a-z_0-9]+)'\)(/Attributes\(LogicalName='(?<attr>[a-z_0-9]+)'\))?$")]
    private static partial Regex MetadataPattern();

    [GeneratedRegex(@"last%253d%2522%257b(?<id>[0-9A-Fa-f-]{36})%257d")]
    private static partial Regex SkipTokenPattern();

    /// <summary>
    /// Handles a request whose caller holds the store's lock. Its writes go to <paramref name="pendingWrites"/> when
    /// given (a changeset, logged when it commits), else straight to the write log.
    /// </summary>
    public DvResponse Handle(DvRequest request, string baseUrl, List<EmulatorWrite>? pendingWrites = null)
    {
        _baseUrl = baseUrl;
        var writes = pendingWrites ?? [];
        try
        {
            return HandleCore(request, baseUrl, writes);
        }
        catch (DvQueryException ex)
        {
            return DvResponse.Error(ex.Status, ex.Code, ex.Message);
        }
        catch (System.Xml.XmlException ex)
        {
            return DvResponse.Error(400, "0x80041102", "The FetchXML is not well-formed XML: " + ex.Message);
        }
        catch (JsonException ex)
        {
            return DvResponse.Error(400, "0x80048d19", "Error identified in Payload provided by the user for Entity: " + ex.Message);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            // A value of the wrong type (a text where a number or a GUID belongs): Dataverse's error body, never an empty 500.
            return DvResponse.Error(400, "0x80048d19", "Error identified in Payload provided by the user: " + ex.Message);
        }
        finally
        {
            if (pendingWrites is null) log.Wrote(writes);
        }
    }

    private DvResponse HandleCore(DvRequest request, string baseUrl, List<EmulatorWrite> writes)
    {
        var (path, query) = Split(request.Target);
        if (TryHandleExtras(request, path, query, baseUrl, writes) is { } extra) return extra;
        if (store.Metadata.TryHandle(request, path, query, baseUrl, writes, () => HandleTable(request, path, query, baseUrl, writes)) is { } handled) return handled;
        return HandleTable(request, path, query, baseUrl, writes);
    }

    private DvResponse HandleTable(DvRequest request, string path, Dictionary<string, string> query, string baseUrl, List<EmulatorWrite> writes)
    {
        var metadata = MetadataPattern().Match(path);
        if (metadata.Success) return Metadata(metadata.Groups["entity"].Value, metadata.Groups["attr"].Success ? metadata.Groups["attr"].Value : null, baseUrl);
        var match = PathPattern().Match(path);
        if (!match.Success) throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{path}'.");
        var setName = match.Groups["set"].Value;
        var table = store.Find(setName) ?? throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{setName}'.");
        string? key = match.Groups["key"].Success ? match.Groups["key"].Value : null;
        string? nav = match.Groups["nav"].Success ? match.Groups["nav"].Value : null;
        var prefer = Prefer.Parse(request.Header("Prefer"));

        switch (request.Method)
        {
            case "GET" when key is null:
                if (query.TryGetValue("fetchXml", out var fetchXml)) return Fetch(table, fetchXml, prefer, baseUrl);
                if (prefer.TrackChanges || query.ContainsKey("$deltatoken")) return Changes(table, query, prefer, baseUrl, setName);
                return Collection(table, table.Rows, query, prefer, request.Target, baseUrl, setName);
            case "GET" when nav is not null:
            {
                var row = FindRow(table, key!) ?? throw NotFound(table, key!);
                if (nav != "listcontact_association" || table.Schema.SetName != "lists")
                    throw new DvQueryException(404, "0x80060888", $"Resource not found for the segment '{nav}'.");
                var contacts = store.Tables["contacts"];
                var members = store.ListMembers.TryGetValue((Guid)row["listid"]!, out var ids) ? ids.Select(id => contacts.ById[id]).ToList() : [];
                return Collection(contacts, members, query, prefer, request.Target, baseUrl, "contacts");
            }
            case "GET":
            {
                var row = FindRow(table, key!) ?? throw NotFound(table, key!);
                var select = Select(table, query);
                var o = Project(table, row, select, query.GetValueOrDefault("$expand"), prefer.Formatted);
                var result = new JObject { ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#{setName}({string.Join(',', select?.Select(c => c.Name) ?? [])})/$entity" };
                result.Merge(o);
                return DvResponse.Json(200, result);
            }
            case "POST" when key is null && nav is null:
                return Write(table, null, request, prefer, baseUrl, writes);
            case "PATCH" when key is not null && nav is null:
                return Write(table, key, request, prefer, baseUrl, writes);
            case "DELETE" when key is not null && nav is null:
            {
                var row = FindRow(table, key) ?? throw NotFound(table, key);
                var id = (Guid)row[table.Schema.PrimaryKey]!;
                store.Remove(table, row);
                writes.Add(DvWrites.Of(time.GetUtcNow(), "DELETE", setName, id, false));
                return new DvResponse(204, null);
            }
            default:
                throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on '{path}'.");
        }
    }

    private DvResponse Metadata(string entity, string? attribute, string baseUrl)
    {
        var table = store.FindByLogicalName(entity) ?? throw new DvQueryException(404, "0x80040217", $"Could not find entity with name '{entity}'.");
        if (attribute is not null)
        {
            bool exists = table.Schema.FindColumn(attribute) is not null && (store.JourneyKitTablesInstalled || !attribute.StartsWith(JourneyKitSchema.NamePrefix, StringComparison.Ordinal));
            if (!exists) throw new DvQueryException(404, "0x80040217", $"Could not find attribute with name '{attribute}' on entity '{entity}'.");
            return DvResponse.Json(200, new JObject { ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#EntityDefinitions('{entity}')/Attributes/$entity", ["LogicalName"] = attribute });
        }
        return DvResponse.Json(200, new JObject
        {
            ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#EntityDefinitions/$entity",
            ["LogicalName"] = entity, ["EntitySetName"] = table.Schema.SetName, ["PrimaryIdAttribute"] = table.Schema.PrimaryKey,
        });
    }
}
