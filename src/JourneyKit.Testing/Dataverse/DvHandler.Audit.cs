using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// <c>RetrieveAuditDetails</c>, the function bound to the audit table that returns one audit row's old and new values
/// (an <c>AttributeAuditDetail</c>), as learn.microsoft.com's "Retrieve the history of audited data changes" shows it.
/// </summary>
internal sealed partial class DvHandler
{
    [GeneratedRegex(@"^audits\((?<id>[0-9A-Fa-f-]{36})\)/Microsoft\.Dynamics\.CRM\.RetrieveAuditDetails(\(\))?$")]
    private static partial Regex AuditDetailsPattern();

    private DvResponse? TryHandleAudit(DvRequest request, string path, string baseUrl)
    {
        var match = AuditDetailsPattern().Match(path);
        if (!match.Success) return null;
        if (request.Method != "GET") throw new DvQueryException(405, "0x80060888", $"The HTTP method '{request.Method}' is not allowed on '{path}'.");
        var id = Guid.Parse(match.Groups["id"].Value);
        if (!store.AuditDetails.TryGetValue(id, out var detail))
            throw new DvQueryException(404, "0x80040217", $"audit With Id = {id:D} Does Not Exist");
        JObject Record(JObject values)
        {
            var record = new JObject { ["@odata.type"] = "#Microsoft.Dynamics.CRM." + detail.LogicalName };
            record.Merge(values);
            return record;
        }
        return DvResponse.Json(200, new JObject
        {
            ["@odata.context"] = $"{baseUrl}{ServicePath}$metadata#Microsoft.Dynamics.CRM.RetrieveAuditDetailsResponse",
            ["AuditDetail"] = new JObject
            {
                ["@odata.type"] = "#Microsoft.Dynamics.CRM.AttributeAuditDetail",
                ["InvalidNewValueAttributes"] = new JArray(),
                ["LocLabelLanguageCode"] = 0,
                ["DeletedAttributes"] = new JObject { ["Count"] = 0, ["Keys"] = new JArray(), ["Values"] = new JArray() },
                ["OldValue"] = Record(detail.OldValue),
                ["NewValue"] = Record(detail.NewValue),
            },
        });
    }
}
