using JourneyKit.Model;

namespace JourneyKit.Benchmarks;

/// <summary>Builds the large maps the size targets speak of (e.g. 100 personas × 10 stages × 500 touchpoints).</summary>
internal static class LargeMap
{
    public static JourneyMap Create(int personas = 100, int stages = 10, int touchpoints = 500)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var stageList = Enumerable.Range(0, stages).Select(s => new Stage
        {
            Id = new StageId($"stage-{s}"),
            Name = $"Stage {s}",
            Order = s,
            CustomerGoal = $"Goal of stage {s}",
            Mindset = "Curious & careful <b>",
            Kpis = ["conversion", "time in stage"],
        }).ToList();
        var channels = Enum.GetValues<Channel>();
        var personaList = Enumerable.Range(0, personas).Select(p => new Persona
        {
            Id = new PersonaId($"persona-{p}"),
            Name = $"Persona {p}",
            Story = "A story with quotes \" and <angle brackets>.",
            Needs = ["Save time", "Prove ROI"],
            Concerns = ["Price", "Security"],
            DecisionRoles = [DecisionRole.Decider, DecisionRole.Influencer],
            PreferredChannels = [Channel.Email, Channel.Web],
            Segments = [new SegmentBinding(CrmKind.HubSpot, $"{100 + p}", $"Segment {p}")],
            BusinessValue = 1.0 / personas,
            Demographics = new Demographics
            {
                ContactCount = 1000,
                AgeBands = Distribution.FromCounts(new Dictionary<string, long> { ["25-34"] = 300, ["35-44"] = 500, ["45-54"] = 200 }),
                Professions = Distribution.FromCounts(new Dictionary<string, long> { ["CMO"] = 400, ["Marketing Director"] = 600 }),
            },
            Objections = Enumerable.Range(0, 5).Select(o => new Objection
            {
                Id = new ObjectionId($"objection-{o}"),
                Text = $"Objection {o} of persona {p}",
                Category = (ObjectionCategory)(o % 10),
                StageId = new StageId($"stage-{o % stages}"),
                Count = 10 - o,
                Share = (10 - o) / 40.0,
                SuggestedAnswer = "An answer.",
                Evidence = [new Evidence(CrmKind.HubSpot, "deal", $"{9000 + o}", "a quote")],
            }).ToList(),
        }).ToList();
        var touchpointList = Enumerable.Range(0, touchpoints).Select(t => new Touchpoint
        {
            Id = new TouchpointId($"touchpoint-{t}"),
            Name = $"Touchpoint {t}",
            StageId = new StageId($"stage-{t % stages}"),
            Channel = channels[t % channels.Length],
            OwnerTeam = "Marketing",
            Satisfaction = new Satisfaction(1 + (t % 40) / 10.0, 20 + t),
            TypicalWait = TimeSpan.FromHours(t % 48),
            PainPoints = [new PainPoint("Slow answer", 3)],
            Opportunities = ["Answer faster"],
        }).ToList();
        return new JourneyMap
        {
            Id = new MapId("large"),
            Name = "Large map",
            CreatedAt = now,
            UpdatedAt = now,
            Personas = personaList,
            Stages = stageList,
            Touchpoints = touchpointList,
        };
    }
}
