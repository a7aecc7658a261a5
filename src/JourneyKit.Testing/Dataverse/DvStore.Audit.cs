using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

// The audit log as an organisation with auditing on the opportunity table keeps it: one Update row (operation 2,
// action 2) per change of an opportunity's sales stage, at the change, its attributemask naming the changed columns by
// ColumnNumber, and the old and new values, which only RetrieveAuditDetails returns (one call per audit row).
internal sealed partial class DvStore
{
    /// <summary>Each audit row's old and new values (<c>AttributeAuditDetail</c>), by audit id.</summary>
    public Dictionary<Guid, (string LogicalName, JObject OldValue, JObject NewValue)> AuditDetails { get; } = [];

    private void AuditSalesStages(Guid opportunity, IReadOnlyList<SampleStageVisit> salesVisits, DateTimeOffset created)
    {
        var audits = Tables["audits"];
        var schema = Tables["opportunities"].Schema;
        var mask = string.Join(',', new[] { "salesstage", "stepname", "modifiedon" }.Select(c => schema.ColumnNumber(c).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        int previous = 0;
        var i = 0;
        foreach (var visit in salesVisits.OrderBy(v => v.EnteredAt))
        {
            int stage = SalesStageOf[visit.StageId];
            i++;
            if (stage == previous || visit.EnteredAt <= created) continue;
            var id = Derive(opportunity, (byte)(0xA0 + i));
            audits.Add(new JObject
            {
                ["auditid"] = id, ["action"] = 2, ["operation"] = 2, ["attributemask"] = mask, ["objecttypecode"] = "opportunity",
                ["_objectid_value"] = opportunity, ["createdon"] = Iso(visit.EnteredAt),
            });
            AuditDetails[id] = ("opportunity", new JObject { ["salesstage"] = previous }, new JObject { ["salesstage"] = stage, ["stepname"] = DvSchema.SalesStage[stage] });
            previous = stage;
        }
        // A change of another column: audited, but not a stage.
        var other = Derive(opportunity, 0x9F);
        audits.Add(new JObject
        {
            ["auditid"] = other, ["action"] = 2, ["operation"] = 2, ["attributemask"] = schema.ColumnNumber("estimatedvalue").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["objecttypecode"] = "opportunity", ["_objectid_value"] = opportunity, ["createdon"] = Iso(created.AddHours(1)),
        });
        AuditDetails[other] = ("opportunity", new JObject { ["estimatedvalue"] = 1000m }, new JObject { ["estimatedvalue"] = 1200m });
    }
}
