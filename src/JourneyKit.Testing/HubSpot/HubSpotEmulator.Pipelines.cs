using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    private static (string Id, string Label, string Probability, bool Closed)[] DealStages => HubSpotEmulatorStore.DealStageLabels;

    private JObject PipelineJson()
    {
        var created = HubSpotEmulatorStore.Iso(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        return new JObject
        {
            ["id"] = "default",
            ["label"] = "Sales Pipeline",
            ["displayOrder"] = 0,
            ["archived"] = false,
            ["createdAt"] = created,
            ["updatedAt"] = created,
            ["stages"] = new JArray(DealStages.Select((s, i) => new JObject
            {
                ["id"] = s.Id,
                ["label"] = s.Label,
                ["displayOrder"] = i,
                ["archived"] = false,
                ["createdAt"] = created,
                ["updatedAt"] = created,
                ["writePermissions"] = "CRM_PERMISSIONS_ENFORCEMENT",
                ["metadata"] = new JObject { ["isClosed"] = s.Closed ? "true" : "false", ["probability"] = s.Probability },
            })),
        };
    }

    private void PipelinesOf(Call call)
    {
        var type = ObjectType(call);
        if (type != "deals") throw Fail(400, "VALIDATION_ERROR", $"The emulator serves pipelines for deals only, not {type}.");
    }

    private Reply ListPipelines(Call call)
    {
        PipelinesOf(call);
        return new Reply(200, new JObject { ["results"] = new JArray(PipelineJson()) });
    }

    private Reply GetPipeline(Call call)
    {
        PipelinesOf(call);
        var id = call.Route("pipelineId");
        if (id != "default") throw Fail(404, "OBJECT_NOT_FOUND", $"Unable to find pipeline {id}.");
        return new Reply(200, PipelineJson());
    }

    private Reply ListPipelineStages(Call call)
    {
        var pipeline = (JObject)GetPipeline(call).Body!;
        return new Reply(200, new JObject { ["results"] = pipeline["stages"]!.DeepClone() });
    }
}
