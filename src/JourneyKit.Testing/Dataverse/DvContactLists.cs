using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>Serves <c>GET contacts(id)/listcontact_association</c>: the static marketing lists a contact is a member of.</summary>
internal static partial class DvContactLists
{
    [GeneratedRegex(@"^contacts\((?<id>[0-9A-Fa-f-]{36})\)/listcontact_association$")]
    private static partial Regex Pattern();

    public static DvResponse? TryHandle(DvStore store, DvRequest request, string path, Dictionary<string, string> query, string baseUrl)
    {
        var match = Pattern().Match(path);
        if (!match.Success || request.Method != "GET") return null;
        var contactId = Guid.Parse(match.Groups["id"].Value);
        if (!store.Tables["contacts"].ById.ContainsKey(contactId))
            throw new DvQueryException(404, "0x80040217", $"contact With Ids = {contactId:D} Do Not Exist");
        var columns = query.TryGetValue("$select", out var select)
            ? select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["listid", "listname", "type", "createdfromcode"];
        var lists = store.Tables["lists"];
        var value = new JArray();
        foreach (var row in lists.Rows)
        {
            if (!store.ListMembers.TryGetValue((Guid)row["listid"]!, out var members) || !members.Contains(contactId)) continue;
            var o = new JObject();
            foreach (var column in columns)
            {
                if (!lists.Schema.Columns.ContainsKey(column)) throw DvQueryException.BadRequest($"Could not find a property named '{column}' on type 'Microsoft.Dynamics.CRM.list'.");
                if (row[column] is { } v) o[column] = v.DeepClone();
            }
            o["listid"] = row["listid"]!.DeepClone();
            value.Add(o);
        }
        return DvResponse.Json(200, new JObject { ["@odata.context"] = $"{baseUrl}{DvHandler.ServicePath}$metadata#lists", ["value"] = value });
    }
}
