using System.Globalization;
using JourneyKit.Analytics;
using JourneyKit.Cli.Commands;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Enrichment.Demographics;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Dynamics.Install;
using JourneyKit.IO;
using JourneyKit.Model;
using JourneyKit.Rendering;
using JourneyKit.Serialization;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using JourneyKit.Versioning;
using Spectre.Console;

namespace JourneyKit.Cli.Demo;

/// <summary>
/// The demo, step by step, with the same public APIs a user calls: emulators stand in for the CRMs, so
/// every request really crosses HTTP on 127.0.0.1 with the CRMs' wire formats and rate limits.
/// </summary>
internal sealed class DemoRunner(CliContext context, DemoOptions options)
{
    /// <summary>Every file the demo writes, with what it is; the summary lists them all (a test holds the folder to it).</summary>
    internal static readonly IReadOnlyList<(string File, string What)> WrittenFiles =
    [
        ("map-v1.json", "the map before populate: personas bound to segments, no demographics"),
        ("map.json", "the map after populate from HubSpot and the journeys measured from its history"),
        ("map-dataverse.json", "the same map populated from Dataverse and measured from its history"),
        ("map.html", "the map as a page (open it in a browser)"),
        ("map.mmd", "the map as Mermaid 'journey' text"),
        ("touchpoints.csv", "the touchpoints as CSV"),
        ("events.csv", "the journey events derived from HubSpot's history, each with its CRM record"),
        ("state.db", "JourneyKit's checkpoints and map history (SQLite)"),
    ];

    // HubSpot's Professional tier: 190 requests per 10 s. The emulator enforces it and the client keeps under it.
    private const int HubSpotRequestsPer10s = 190;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var console = context.Console;
        Directory.CreateDirectory(options.OutputDirectory);
        var statePath = Path.Combine(options.OutputDirectory, "state.db");
        foreach (var stale in new[] { statePath, statePath + "-wal", statePath + "-shm" }) File.Delete(stale); // each demo starts afresh

        console.MarkupLine($"[bold]JourneyKit demo[/]: sample CRM of {options.Contacts:N0} contacts (seed {options.Seed}).");
        var crm = SampleCrm.Generate(options.Seed, options.Contacts);

        await using var hubspot = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
        {
            Sample = crm,
            RequestsPerWindow = HubSpotRequestsPer10s,
        }, cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"HubSpot emulator listening on {hubspot.BaseUri} (limit {HubSpotRequestsPer10s} requests / 10 s).");
        var hubspotClient = new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = hubspot.BaseUri,
            AccessToken = hubspot.AccessToken,
            RequestsPerWindow = HubSpotRequestsPer10s,
            TimeProvider = context.Time,
        });
        var hubspotConnector = new HubSpotConnector(hubspotClient);

        // The Dataverse environment starts as a fresh Dynamics 365 would: without JourneyKit's tables.
        await using var dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = crm, JourneyKitTablesInstalled = false }, cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"Dataverse emulator listening on {dataverse.ApiUri} (the same sample CRM as accounts, contacts, marketing lists and opportunities).");
        var dataverseClient = new DataverseClient(new DataverseClientOptions
        {
            EnvironmentUrl = dataverse.BaseUri,
            AccessToken = dataverse.AccessToken,
            TimeProvider = context.Time,
        });
        var dataverseConnector = new DataverseConnector(dataverseClient);

        // 1. The map a marketer starts from, with three personas, each bound to its segment in both CRMs.
        var bindings = crm.Segments.Where(s => s.Archetype is not null).ToDictionary(
            s => s.Archetype!,
            s => (IReadOnlyList<SegmentBinding>)[new SegmentBinding(CrmKind.HubSpot, s.Id, s.Name), new SegmentBinding(CrmKind.Dataverse, s.Guid.ToString("D"), s.Name)]);
        var start = DemoMap.Create(context.Time.GetUtcNow(), bindings);
        await JourneyMapJson.SaveAsync(start, Path.Combine(options.OutputDirectory, "map-v1.json"), cancellationToken).ConfigureAwait(false);

        // 2. Populate from each CRM: demographics and objections.
        await using var store = await SyncStateStore.OpenAsync(statePath, cancellationToken).ConfigureAwait(false);
        var engine = new SyncEngine([hubspotConnector, dataverseConnector], store, context.Time);
        var populated = await SyncProgressDisplay.RunAsync(context, "Populating personas from HubSpot segments…",
            progress => engine.PopulateAsync(start, new PopulateOptions { Crms = [CrmKind.HubSpot] }, progress, cancellationToken)).ConfigureAwait(false);
        long populateRequests = hubspot.TotalRequests;
        var map = populated.Map;

        // 3. Push personas and objections back onto the contacts.
        var plan = await engine.PlanPushAsync(map, CrmKind.HubSpot, null, cancellationToken).ConfigureAwait(false);
        var pushed = await SyncProgressDisplay.RunAsync(context, "Pushing personas and objections to HubSpot contacts…",
            progress => engine.PushAsync(map, CrmKind.HubSpot, null, progress, cancellationToken)).ConfigureAwait(false);
        var sample = crm.Segments.First(s => s.Archetype == "marketing-leaders").MemberIds[0];
        var seenByRep = hubspot.GetContactProperties(sample);

        // The Dataverse half: an admin installs the JourneyKit solution (tables, panel on the forms), then the same
        // start map is populated from Dynamics 365 and pushed into the JourneyKit tables.
        var installed = await new DynamicsInstaller(dataverseClient).InstallAsync(cancellationToken).ConfigureAwait(false);
        long dataverseBefore = dataverse.TotalRequests;
        var fromDataverse = await SyncProgressDisplay.RunAsync(context, "Populating personas from Dataverse marketing lists…",
            progress => engine.PopulateAsync(start, new PopulateOptions { Crms = [CrmKind.Dataverse] }, progress, cancellationToken)).ConfigureAwait(false);
        long dataversePopulateRequests = dataverse.TotalRequests - dataverseBefore;
        var dataversePush = await SyncProgressDisplay.RunAsync(context, $"Pushing personas and objections to Dataverse ({JourneyKitSchema.Persona.LogicalName}, {JourneyKitSchema.Objection.LogicalName}, contact.{JourneyKitSchema.LookupName})…",
            progress => engine.PushAsync(fromDataverse.Map, CrmKind.Dataverse, null, progress, cancellationToken)).ConfigureAwait(false);
        var sampleGuid = crm.Contacts.First(c => c.Id == sample).Guid;
        bool dataverseRepSees = dataverse.GetContactPersonaId(sampleGuid) is not null;

        // 4. Measure the journeys from HubSpot's history: stage dates, engagements and survey answers of the segments' members,
        //    and the deals' buying committees (colleagues on the same deal, with the portal's association labels).
        hubspot.AddBuyingCommittees();
        var eventsPath = Path.Combine(options.OutputDirectory, "events.csv");
        long beforeMeasure = hubspot.TotalRequests;
        var measurer = new JourneyMeasurer(hubspotConnector, new HubSpotJourneySource(hubspotClient));
        var measuredRun = await SyncProgressDisplay.RunAsync(context, "Measuring journeys from HubSpot history…",
            progress => measurer.MeasureAsync(map, new CrmMeasureOptions { EventsOut = eventsPath, DecisionRoles = true, Time = context.Time }, progress, cancellationToken)).ConfigureAwait(false);
        long measureRequests = hubspot.TotalRequests - beforeMeasure;
        var analysis = measuredRun.Measured.Analysis;
        map = measuredRun.Measured.Map;

        //    The same from Dynamics 365: leads, opportunities, activities and stakeholder connections.
        long beforeDataverseMeasure = dataverse.TotalRequests;
        var dataverseMeasurer = new JourneyMeasurer(dataverseConnector, new DataverseJourneySource(dataverseClient));
        var dataverseMeasured = await SyncProgressDisplay.RunAsync(context, "Measuring journeys from Dataverse history…",
            progress => dataverseMeasurer.MeasureAsync(fromDataverse.Map, new CrmMeasureOptions { DecisionRoles = true, State = store, Time = context.Time }, progress, cancellationToken)).ConfigureAwait(false);
        long dataverseMeasureRequests = dataverse.TotalRequests - beforeDataverseMeasure;
        await JourneyMapJson.SaveAsync(dataverseMeasured.Measured.Map, Path.Combine(options.OutputDirectory, "map-dataverse.json"), cancellationToken).ConfigureAwait(false);

        // 5. Render.
        var mapPath = Path.Combine(options.OutputDirectory, "map.json");
        var htmlPath = Path.Combine(options.OutputDirectory, "map.html");
        await JourneyMapJson.SaveAsync(map, mapPath, cancellationToken).ConfigureAwait(false);
        var html = MapRenderers.For("html", new HtmlRenderOptions { Insights = MapInsightsFactory.From(analysis, map) });
        await AtomicFile.WriteAsync(htmlPath, w => html.RenderAsync(map, w, cancellationToken), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(options.OutputDirectory, "map.mmd"), w => MapRenderers.For("mermaid").RenderAsync(map, w, cancellationToken), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(options.OutputDirectory, "touchpoints.csv"), w => MapRenderers.For("csv").RenderAsync(map, w, cancellationToken), cancellationToken).ConfigureAwait(false);

        // 6. Summary.
        var personas = new Table().Title("Personas filled from HubSpot segments").AddColumns("Persona", "Contacts", "Top age band", "Top job title", "Top objection (share)", "Suggested answer");
        foreach (var p in map.Personas)
        {
            var top = p.Objections.Count > 0 ? p.Objections[0] : null;
            personas.AddRow(Markup.Escape(p.Name), (p.Demographics?.ContactCount ?? 0).ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(p.Demographics?.AgeBands.Buckets.FirstOrDefault(b => b.Label != DemographicsAggregator.UnknownLabel)?.Label ?? "-"),
                Markup.Escape(p.Demographics is { Professions.Buckets.Count: > 0 } d ? d.Professions.Buckets[0].Label : "-"),
                Markup.Escape(top is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{top.Text} ({top.Share * 100:0}%)")),
                Markup.Escape(Shorten(top?.SuggestedAnswer, 60)));
        }
        console.Write(personas);

        var sideBySide = new Table().Title("The same personas from both CRMs").AddColumns("Persona", "HubSpot contacts", "Dataverse contacts", "HubSpot top objection", "Dataverse top objection");
        foreach (var p in map.Personas)
        {
            var d = fromDataverse.Map.Personas.First(x => x.Id == p.Id);
            sideBySide.AddRow(Markup.Escape(p.Name), Count(p), Count(d), Markup.Escape(TopObjection(p)), Markup.Escape(TopObjection(d)));
        }
        console.Write(sideBySide);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"HubSpot: populate read {populated.ContactsRead:N0} contacts and {populated.SignalsRead:N0} lost deals and notes in {populateRequests:N0} requests; push wrote {pushed.ContactsAssigned:N0} contacts and their personas onto {pushed.DealsAssigned:N0} open deals in {pushed.Requests - pushed.SchemaRequests:N0} requests (the dry-run plan counted {plan.Requests:N0} for the contacts; the deals' association reads and writes come on top) plus {pushed.SchemaRequests} to create JourneyKit's contact properties; 429 responses: {hubspot.ThrottledRequests}."));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataverse: 'journeykit dynamics install' created the JourneyKit solution in {installed.Changes.Count} steps (tables {JourneyKitSchema.Persona.LogicalName} and {JourneyKitSchema.Objection.LogicalName}, contact.{JourneyKitSchema.LookupName}, the objections panel on the Contact and Opportunity forms)."));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataverse: populate read {fromDataverse.ContactsRead:N0} contacts and {fromDataverse.SignalsRead:N0} lost opportunities and close notes in {dataversePopulateRequests:N0} requests; push wrote {dataversePush.PersonasWritten} persona records with their objections and {dataversePush.ContactsAssigned:N0} contacts in {dataversePush.Requests:N0} $batch requests."));
        if (dataverseRepSees) console.MarkupLine($"In Dynamics 365 the same contact now points at its {JourneyKitSchema.Persona.LogicalName} row; the objections panel on the contact and opportunity forms lists its objections.");
        if (seenByRep is not null && seenByRep.TryGetValue("journeykit_persona", out var personaName))
            console.MarkupLine($"A sales rep opening contact {Markup.Escape(sample)} in HubSpot now sees persona [bold]{Markup.Escape(personaName ?? "-")}[/] and its objections.");
        var measurement = measuredRun.Measured.Measurement;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Journeys measured from {Markup.Escape(measurement.Source ?? "HubSpot")}, not simulated: {measuredRun.Contacts:N0} contacts' lifecycle stage dates, engagements and feedback submissions ({measuredRun.CrmEvents:N0} CRM records, {measuredRun.Events:N0} journey events, each naming its record in events.csv) in {measureRequests:N0} requests, measured {measurement.MeasuredAt:yyyy-MM-dd HH:mm} UTC."));
        var worst = analysis.Bottlenecks.Count > 0 ? analysis.Bottlenecks[0] : null;
        if (worst is not null)
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Worst bottleneck of {analysis.Journeys:N0} measured journeys: {Markup.Escape(worst.PersonaId.Value)} at {Markup.Escape(worst.StageId.Value)} ({worst.DropOffRate * 100:0}% drop off)."));
        var roles = map.Personas
            .Select(p => (p.Name, Measured: measurement.Of(p.Id)))
            .Where(p => p.Measured is { DecisionRoles.Buckets.Count: > 0 })
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} mostly {p.Measured!.DecisionRoles!.Buckets[0].Label} ({p.Measured.DecisionRoles.Buckets[0].Share * 100:0}% of roles on {p.Measured.Deals:N0} deals)"))
            .ToList();
        if (roles.Count > 0)
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Decision roles from HubSpot's deal–contact association labels ({measuredRun.Deals:N0} deals): {string.Join("; ", roles)}.")));
        if (measurement.Committees.FirstOrDefault(c => c.Personas.Count > 1) is { } together)
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Personas most often on one deal together: {string.Join(" + ", together.Personas.Select(id => map.Personas.FirstOrDefault(p => p.Id == id)?.Name ?? id.Value))} on {together.Deals:N0} deals ({together.Won:N0} won, {together.Lost:N0} lost{(together.WinRate is double rate ? $", {rate * 100:0}% won" : string.Empty)}).")));
        var dvAnalysis = dataverseMeasured.Measured.Analysis;
        var dvWorst = dvAnalysis.Bottlenecks.Count > 0 ? dvAnalysis.Bottlenecks[0] : null;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Journeys measured from Dataverse history: {dataverseMeasured.Contacts:N0} contacts' leads, opportunities and activities ({dataverseMeasured.CrmEvents:N0} CRM records) and the stakeholders of {dataverseMeasured.Deals:N0} opportunities in {dataverseMeasureRequests:N0} requests{(dvWorst is null ? "" : $"; worst bottleneck: {dvWorst.PersonaId.Value} at {dvWorst.StageId.Value} ({dvWorst.DropOffRate * 100:0}% drop off)")} (Dataverse dates a sales stage only while the opportunity is in it, by its process flow: {(dataverseMeasured.StageDateFreshness is null ? "none was dated" : "this run kept those dates in state.db, so the next measure dates the stages an opportunity has since left by them")}).")));
        console.MarkupLine($"Map version {map.Version}, {map.ChangeLog.Count} change-log entries. Files written in {Markup.Escape(options.OutputDirectory)}:");
        foreach (var (file, what) in WrittenFiles) console.MarkupLine($"  {Markup.Escape(file),-18} {Markup.Escape(what)}");
        context.Output.WriteLine($"Open the map: {htmlPath}");
    }

    private static string Count(Persona p) => (p.Demographics?.ContactCount ?? 0).ToString("N0", CultureInfo.InvariantCulture);

    private static string TopObjection(Persona p) => p.Objections.Count == 0 ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{p.Objections[0].Category} ({p.Objections[0].Share * 100:0}%)");

    private static string Shorten(string? text, int max) =>
        text is null ? "-" : text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
