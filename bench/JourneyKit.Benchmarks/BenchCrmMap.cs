using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The map the CRM benchmarks populate and measure: the five-stage template bound to the CRM's standard stages, one
/// persona per served segment, and touchpoints bound to each kind of activity the sample journeys hold (as the demo's map).
/// </summary>
internal static class BenchCrmMap
{
    public static JourneyMap Create(CrmKind crm, IReadOnlyList<ServedSegment> segments)
    {
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var map = JourneyTemplates.Create("five-stages", "en", "Benchmark: populate and measure at scale", now, [crm]);
        return map with
        {
            Personas = segments.Select(s => new Persona
            {
                Id = new PersonaId(s.Archetype),
                Name = s.Archetype,
                Segments = [new SegmentBinding(crm, crm == CrmKind.HubSpot ? s.Id : s.Guid.ToString("D"), s.Archetype)],
            }).ToList(),
            Touchpoints = crm == CrmKind.HubSpot ?
            [
                T("demo-call", "consideration", Channel.Phone, Bind(crm, CrmActivityKind.Call)),
                T("live-chat", "consideration", Channel.Chat, Bind(crm, CrmActivityKind.Communication) with { Channel = Channel.Chat }),
                T("security-review", "purchase", Channel.Email, Bind(crm, CrmActivityKind.Meeting) with { SubjectPrefix = "Security review" }),
                T("quote", "purchase", Channel.Email, Bind(crm, CrmActivityKind.Email) with { Direction = ActivityDirection.Outbound }),
                T("onboarding", "delivery-and-use", Channel.Phone, Bind(crm, CrmActivityKind.Meeting) with { SubjectPrefix = "Onboarding" }),
                T("help-center", "delivery-and-use", Channel.Web, Bind(crm, CrmActivityKind.SurveyResponse)),
            ] :
            [
                T("demo-call", "consideration", Channel.Phone, Bind(crm, CrmActivityKind.PhoneCall)),
                T("follow-up", "consideration", Channel.Other, Bind(crm, CrmActivityKind.Task)),
                T("security-review", "purchase", Channel.Email, Bind(crm, CrmActivityKind.Appointment) with { SubjectPrefix = "Security review" }),
                T("quote", "purchase", Channel.Email, Bind(crm, CrmActivityKind.Email) with { Direction = ActivityDirection.Outbound }),
                T("onboarding", "delivery-and-use", Channel.Phone, Bind(crm, CrmActivityKind.Appointment) with { SubjectPrefix = "Onboarding" }),
            ],
        };
    }

    private static ActivityBinding Bind(CrmKind crm, CrmActivityKind kind) => new() { Crm = crm, Kind = kind };

    private static Touchpoint T(string id, string stage, Channel channel, ActivityBinding binding) => new()
    {
        Id = new TouchpointId(id),
        Name = id,
        StageId = new StageId(stage),
        Channel = channel,
        CrmActivities = [binding],
    };
}
