using CsCheck;
using JourneyKit.Model;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>Generators of journey maps with valid and invalid values, odd Unicode, long strings and control characters.</summary>
internal static class Gens
{
    /// <summary>Characters that break naive code: controls, NUL, BOM, bidi marks, line/paragraph separators, quotes, HTML, surrogate halves, combining marks.</summary>
    public const string OddChars = "\0\u0001\u0007\b\t\n\r\u000b\u000c\u001b\u001f\u007f\u0085\u00a0\u00ad\u200b\u200d\u200e\u202e\u2028\u2029\ufeff\ufffd\uffff\"\\/'<>&{}[]:,$.@*?éßØ中文Ω\u0301\u0000\ud83d\ude00\ud800\udfff";

    public static readonly Gen<string> Plain = Gen.Char['a', 'z'].Array[1, 10].Select(a => new string(a));

    /// <summary>Any text: plain, odd characters, any UTF-16 code units (lone surrogates included), long, empty, blank.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (6, (IGen<string>)Plain),
        (3, Gen.Char[OddChars].Array[0, 24].Select(a => new string(a))),
        (2, Gen.Char.Array[0, 24].Select(a => new string(a))),
        (1, Gen.Char['a', 'z'].Array[3000, 9000].Select(a => new string(a))),
        (1, Gen.OneOf("", " ", "\t \n", "null", "NaN", "$.personas[0]", "<script>alert(1)</script>", "\\/Date(0)\\/", "'; DROP TABLE x;--")));

    public static readonly Gen<string?> OptionalText = Gen.Frequency((1, (IGen<string?>)Gen.Const<string?>((string?)null)), (3, Text.Select(t => (string?)t)));

    /// <summary>Ids from a small pool, so duplicates happen, plus odd and empty ones.</summary>
    public static readonly Gen<string> Id = Gen.Frequency(
        (8, (IGen<string>)Gen.OneOf("a", "b", "c", "awareness", "purchase", "lucy")),
        (2, Text),
        (1, Gen.OneOf("", "  ")));

    public static readonly Gen<double> Number = Gen.Frequency(
        (6, (IGen<double>)Gen.Double[0, 1]),
        (2, Gen.Double[-10, 10]),
        (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, -0.0, 1e-300, 0.1 + 0.2)));

    public static readonly Gen<int> Count = Gen.Frequency((6, (IGen<int>)Gen.Int[0, 500]), (1, Gen.OneOf(-1, int.MinValue, int.MaxValue)));

    public static readonly Gen<DateTimeOffset> Time = Gen.Frequency(
        (4, (IGen<DateTimeOffset>)Gen.Long[0, 4_000_000_000_000L].Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(ms))),
        (2, Gen.DateTimeOffset),
        (1, Gen.OneOf(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default)));

    public static readonly Gen<TimeSpan?> Duration = Gen.Frequency(
        (2, (IGen<TimeSpan?>)Gen.Const<TimeSpan?>((TimeSpan?)null)),
        (4, Gen.Long[0, TimeSpan.TicksPerDay * 30].Select(t => (TimeSpan?)TimeSpan.FromTicks(t))),
        (1, Gen.TimeSpan.Select(t => (TimeSpan?)t)),
        (1, Gen.OneOf<TimeSpan?>(TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.FromTicks(-1), TimeSpan.Zero)));

    public static Gen<T> EnumOf<T>() where T : struct, Enum => Gen.Enum<T>();

    public static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, (IGen<T?>)Gen.Const<T?>((T?)null)), (3, gen.Select(v => (T?)v)));

    public static Gen<T?> MaybeRef<T>(Gen<T> gen) where T : class =>
        Gen.Frequency((1, (IGen<T?>)Gen.Const<T?>((T?)null)), (3, gen.Select(v => (T?)v)));

    public static readonly Gen<Stage> Stage = Gen.Select(Id, Text, Gen.Int[-2, 8], OptionalText, OptionalText, Text.List[0, 3],
        (id, name, order, goal, mindset, kpis) => new Stage { Id = new StageId(id), Name = name, Order = order, CustomerGoal = goal, Mindset = mindset, Kpis = kpis });

    public static readonly Gen<Evidence> Evidence = Gen.Select(Gen.OneOf(CrmKind.HubSpot, CrmKind.Dataverse), Text, Text, OptionalText, (crm, type, id, quote) => new Evidence(crm, type, id, quote));

    public static readonly Gen<Objection> Objection = Gen.Select(Id, Text, EnumOf<ObjectionCategory>(), Maybe(Id.Select(s => new StageId(s))), Count, Number,
        (id, text, category, stage, count, share) => new Objection { Id = new ObjectionId(id), Text = text, Category = category, StageId = stage, Count = count, Share = share })
        .SelectMany(o => Gen.Select(Evidence.List[0, 3], OptionalText, EnumOf<ObjectionStatus>(), (ev, answer, status) => o with { Evidence = ev, SuggestedAnswer = answer, Status = status }));

    public static readonly Gen<Distribution> Distribution = Gen.Select(Text, Gen.Long[-3, 1000], Number, (label, count, share) => new DistributionBucket(label, count, share))
        .List[0, 4].Select(b => new Distribution { Buckets = b });

    public static readonly Gen<Demographics?> Demographics = Gen.Frequency(
        (2, (IGen<Demographics?>)Gen.Const<Demographics?>((Demographics?)null)),
        (3, Gen.Select(Distribution, Distribution, Distribution, Count, Maybe(Time), OptionalText,
            (gender, age, jobs, count, at, source) => (Demographics?)new Demographics { Gender = gender, AgeBands = age, Professions = jobs, ContactCount = count, ComputedAt = at, Source = source })));

    public static readonly Gen<SegmentBinding> Binding = Gen.Select(Gen.OneOf(CrmKind.HubSpot, CrmKind.Dataverse), Id, OptionalText, (crm, id, name) => new SegmentBinding(crm, id, name));

    public static readonly Gen<Persona> Persona = Gen.Select(Id, Text, OptionalText, OptionalText, Demographics, Maybe(Number),
        (id, name, picture, story, demographics, value) => new Persona { Id = new PersonaId(id), Name = name, PictureUrl = picture, Story = story, Demographics = demographics, BusinessValue = value })
        .SelectMany(p => Gen.Select(Text.List[0, 3], Text.List[0, 2], EnumOf<DecisionRole>().List[0, 3], EnumOf<Channel>().List[0, 3], Binding.List[0, 3], Objection.List[0, 4],
            (needs, concerns, roles, channels, segments, objections) => p with { Needs = needs, Concerns = concerns, DecisionRoles = roles, PreferredChannels = channels, Segments = segments, Objections = objections }))
        .SelectMany(p => Gen.Select(MaybeRef(Gen.Select(EnumOf<UrgencyLevel>(), Duration, (level, ttp) => new Urgency(level, ttp))), OptionalText,
            (urgency, quote) => p with { Urgency = urgency, Quote = quote }));

    public static readonly Gen<Satisfaction?> Satisfaction = Gen.Frequency(
        (1, (IGen<Satisfaction?>)Gen.Const<Satisfaction?>((Satisfaction?)null)),
        (3, Gen.Select(Gen.Frequency((4, (IGen<double>)Gen.Double[1, 5]), (1, Number)), Count, (score, count) => (Satisfaction?)new Satisfaction(score, count))));

    public static readonly Gen<Touchpoint> Touchpoint = Gen.Select(Id, Text, Id, EnumOf<Channel>(), OptionalText, EnumOf<TouchpointLane>(),
        (id, name, stage, channel, owner, lane) => new Touchpoint { Id = new TouchpointId(id), Name = name, StageId = new StageId(stage), Channel = channel, OwnerTeam = owner, Lane = lane })
        .SelectMany(t => Gen.Select(EnumOf<Sense>().List[0, 3], Id.List[0, 2], Satisfaction, Duration, Duration,
            Gen.Select(Text, Gen.Int[-1, 7], (d, s) => new PainPoint(d, s)).List[0, 2],
            (senses, personas, satisfaction, wait, duration, pains) => t with
            {
                Senses = senses, PersonaIds = personas.Select(p => new PersonaId(p)).ToList(), Satisfaction = satisfaction, TypicalWait = wait, TypicalDuration = duration, PainPoints = pains,
            }));

    public static readonly Gen<Goal> Goal = Gen.Select(Id, Text, Maybe(Id.Select(s => new PersonaId(s))), Maybe(Id.Select(s => new StageId(s))), OptionalText,
        (id, text, persona, stage, kpi) => new Goal { Id = new GoalId(id), Text = text, PersonaId = persona, StageId = stage, Kpi = kpi });

    public static readonly Gen<Opportunity> Opportunity = Gen.Select(Id, Text, OptionalText, Maybe(Id.Select(s => new StageId(s))), Maybe(Id.Select(s => new PersonaId(s))), EnumOf<Impact>(),
        (id, title, description, stage, persona, impact) => new Opportunity { Id = new OpportunityId(id), Title = title, Description = description, StageId = stage, PersonaId = persona, Impact = impact });

    public static readonly Gen<ChangeLogEntry> Change = Gen.Select(Gen.Int[-1, 5], Time, OptionalText, EnumOf<ChangeKind>(), Text, Id,
        (version, at, author, kind, type, id) => new ChangeLogEntry { Version = version, At = at, Author = author, Kind = kind, EntityType = type, EntityId = id })
        .SelectMany(c => Gen.Select(OptionalText, OptionalText, OptionalText, (property, before, after) => c with { Property = property, Before = before, After = after }));

    /// <summary>A whole map; <paramref name="schemaVersions"/> says whether schema versions other than the current one are drawn.</summary>
    public static Gen<JourneyMap> Map(bool schemaVersions = false) =>
        Gen.Select(Id, Text, OptionalText, schemaVersions ? Gen.Frequency((5, (IGen<int>)Gen.Const(JourneyMap.CurrentSchemaVersion)), (1, Gen.Int[-1, 3])) : Gen.Const(JourneyMap.CurrentSchemaVersion), Gen.Int[-1, 9], Time,
            (id, name, description, schema, version, created) => new JourneyMap { Id = new MapId(id), Name = name, Description = description, SchemaVersion = schema, Version = version, CreatedAt = created, UpdatedAt = created })
        .SelectMany(m => Gen.Select(Persona.List[0, 3], Stage.List[0, 5], Touchpoint.List[0, 5], Goal.List[0, 2], Opportunity.List[0, 2], Change.List[0, 2],
            (personas, stages, touchpoints, goals, opportunities, changes) => m with
            {
                Personas = personas, Stages = stages, Touchpoints = touchpoints, Goals = goals, Opportunities = opportunities, ChangeLog = changes,
            }));
}
