using System.CommandLine;
using System.Globalization;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Cli.Commands;

/// <summary><c>journeykit measure</c>: the map's funnel, time in stage, bottlenecks and touchpoint scorecard per persona, from the CRM's own history.</summary>
internal static class MeasureCommand
{
    public static Command Create(CliContext context)
    {
        var map = new Argument<FileInfo>("map") { Description = "The map's JSON file: personas bound to segments, stages to CRM stages, touchpoints to CRM activities." };
        var from = Choices.Create("--from", "The CRM whose history to read: hubspot or dataverse.", ["hubspot", "dataverse"], null);
        from.Required = true;
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only history from this date (e.g. 2026-01-01 or 2026-01-01T00:00:00Z, taken as UTC); default all history.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
                result.AddError($"--since must be a date such as 2026-01-01, not '{text}'.");
                return null;
            },
        };
        var eventsOut = new Option<FileInfo?>("--events-out") { Description = "Also write the derived events, with each one's CRM record, as CSV: `analyze` on it gives the same figures." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the new version (default: overwrite the map)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read the segments only and say how many contacts would be read and the requests that costs at least; write nothing." };
        var history = new Option<bool>("--stage-history") { Description = "Read the full stage history: HubSpot's property history (every re-entry and regression, 50 records a request); Dataverse's audit log (when each sales stage was set; needs auditing on opportunities and the prvReadAuditSummary privilege)." };
        var decisionRoles = new Option<bool>("--decision-roles") { Description = "Also read the contacts' deals with every contact on each and its roles (HubSpot association labels, Dataverse stakeholder connection roles): each persona's decision roles and which personas buy together." };
        var decisionRole = new Option<string[]>("--decision-role")
        {
            Description = "A rule TEXT=ROLE mapping CRM role labels that contain TEXT to a decision role (user, influencer, initiator, decider, buyer, gatekeeper); repeatable, tried before the built-in rules.",
            AllowMultipleArgumentsPerToken = false,
        };
        decisionRole.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                try
                {
                    DecisionRoleRule.Parse(token.Value);
                }
                catch (FormatException e)
                {
                    result.AddError($"--decision-role: {e.Message}");
                }
            }
        });
        var crm = new CrmOptions();
        var command = new Command("measure", "Measure the map from CRM history: who entered each stage, how long they stayed, where they dropped, which touchpoints they met and how satisfied they were, per persona; writes the next version of the map with the figures and where they came from.")
            { map, from, since, eventsOut, output, dryRun, history, decisionRoles, decisionRole };
        crm.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var mapFile = parse.GetRequiredValue(map);
            var kind = CrmOptions.ParseCrm(parse.GetRequiredValue(from));
            var options = new CrmMeasureOptions
            {
                Since = parse.GetValue(since),
                StageHistory = parse.GetValue(history),
                EventsOut = parse.GetValue(eventsOut)?.FullName,
                DecisionRoles = parse.GetValue(decisionRoles) || parse.GetValue(decisionRole) is { Length: > 0 },
                DecisionRoleRules = [.. (parse.GetValue(decisionRole) ?? []).Select(DecisionRoleRule.Parse), .. DecisionRoleRule.Defaults],
                Time = context.Time,
            };
            var journeyMap = await InputFiles.LoadMapAsync(context, mapFile, ct).ConfigureAwait(false);
            return await RunAsync(context, crm, parse, mapFile, journeyMap, kind, options, parse.GetValue(output), parse.GetValue(dryRun), brief: false, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Whether the map binds any of its stages to the CRM's stages (else there is no history to measure).</summary>
    internal static bool BindsStages(JourneyMap map, CrmKind kind) => !CrmJourneyMapping.FromMap(map, kind).HasNoStages;

    /// <summary>
    /// Measures the map (read from <paramref name="mapFile"/>) from one CRM's history and writes the next version (to
    /// <paramref name="output"/> or over the file): what <c>measure</c> runs, and <c>sync</c> between populate and push
    /// (<paramref name="brief"/>: the one "Figures from" line, without the analysis tables).
    /// </summary>
    internal static async Task<int> RunAsync(CliContext context, CrmOptions crm, ParseResult parse, FileInfo mapFile, JourneyMap journeyMap, CrmKind kind,
        CrmMeasureOptions options, FileInfo? output, bool dryRun, bool brief, CancellationToken ct)
    {
        var measurer = Measurer(crm, kind, parse, context);
        try
        {
            measurer.MappingOf(journeyMap);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"{mapFile.Name}: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}");
        }

        if (dryRun)
        {
            var plan = await measurer.PlanAsync(journeyMap, options, ct).ConfigureAwait(false);
            foreach (var (persona, ids) in plan.Members) context.Output.WriteLine($"{persona}: {ids.Count:N0} contacts");
            context.Output.WriteLine($"Dry run: would read the {kind.DisplayName} history of {plan.Members.Sum(m => m.ContactIds.Count):N0} contacts in at least {plan.PlannedRequests:N0} requests ({ReadsNotPlanned(kind, plan.Query, options.DecisionRoles)}). Nothing was written (--dry-run).");
            return ExitCodes.Ok;
        }

        // Checkpoints in the state store: an interrupted measure reads again only the personas it had not finished.
        await using var store = await SyncStateStore.OpenAsync(parse.GetRequiredValue(crm.State), ct).ConfigureAwait(false);
        options = options with { State = store };
        var result = await SyncProgressDisplay.RunAsync(context, $"Measuring {journeyMap.Name} from {kind.DisplayName} history…",
            progress => measurer.MeasureAsync(journeyMap, options, progress, ct)).ConfigureAwait(false);
        if (result.ResumedPersonas > 0)
            context.Output.WriteLine($"Resumed the interrupted measure: {result.ResumedPersonas} persona(s) from its checkpoint, the rest read from {kind.DisplayName}.");
        var target = output?.FullName ?? mapFile.FullName;
        await JourneyMapJson.SaveAsync(result.Measured.Map, target, ct).ConfigureAwait(false);

        if (!brief) AnalyzeCommand.Write(context.Console, journeyMap, result.Measured.Analysis, 5);
        foreach (var warning in result.Warnings) context.Error.WriteLine($"warning: {warning}");
        var m = result.Measured.Measurement;
        context.Output.WriteLine($"Figures from {m.Source}{(m.Since is { } s ? $" since {s:yyyy-MM-dd}" : string.Empty)}: {result.Contacts:N0} contacts, {result.CrmEvents:N0} CRM records, {result.Events:N0} journey events, measured {m.MeasuredAt:yyyy-MM-dd HH:mm} UTC.");
        if (result.StageDateFreshness is { } fresh) context.Output.WriteLine(fresh);
        if (result.StageDatesFromPopulate > 0)
            context.Output.WriteLine($"The stage dates of {result.StageDatesFromPopulate:N0} contacts came from the populate's reads, with no request of their own.");
        if (options.EventsOut is { } events)
            context.Output.WriteLine($"Events with their CRM records: {events} (`journeykit analyze {mapFile.Name} --events {Path.GetFileName(events)} --inactivity-timeout none` gives these figures).");
        if (options.DecisionRoles) WriteDecisionRoles(context, journeyMap, m, result.Deals);
        context.Output.WriteLine($"Wrote version {result.Measured.Map.Version} to {target}.");
        return ExitCodes.Ok;
    }

    /// <summary>What a dry run cannot count in advance, as the CRM's reads that depend on the records found.</summary>
    private static string ReadsNotPlanned(CrmKind kind, Connectors.Abstractions.CrmJourneyQuery query, bool decisionRoles)
    {
        bool hubSpot = kind == CrmKind.HubSpot;
        var kinds = string.Join(", ", [.. query.ActivityKinds, .. query.Surveys ? [hubSpot ? HubSpotJourneySource.FeedbackSubmissions : "msfp_surveyresponse"] : Array.Empty<string>()]);
        var text = hubSpot ? $"plus ⌈records/100⌉ batch reads per kind of {kinds}" : $"plus ⌈opportunities/100⌉ reads of the activities regarding them and ⌈activities/100⌉ of those linked to the contacts only as a party, for {kinds}";
        if (!hubSpot && query.StageHistory) text += $"; with --stage-history, ⌈opportunities/100⌉ audit-log reads and ⌈stage changes/{DataverseJourneySource.AuditDetailsPerBatch}⌉ $batch requests of RetrieveAuditDetails";
        if (!decisionRoles) return text;
        return text + (hubSpot
            ? "; with --decision-roles, 1 label read, ⌈contacts/1,000⌉ contact→deal reads, ⌈deals/1,000⌉ deal→contact reads and ⌈deals/100⌉ deal reads more"
            : "; with --decision-roles, 1 connection-role read, 2 × ⌈contacts/100⌉ reads (opportunities, connections) and up to 2 × ⌈opportunities/100⌉ more");
    }

    /// <summary>The measurer of one CRM: its connector (segments) and its journey source (history), over one client.</summary>
    private static JourneyMeasurer Measurer(CrmOptions crm, CrmKind kind, ParseResult parse, CliContext context)
    {
        if (kind == CrmKind.Dataverse)
        {
            var dataverse = crm.CreateDataverseClient(parse, context);
            return new JourneyMeasurer(new DataverseConnector(dataverse), new DataverseJourneySource(dataverse));
        }
        var client = crm.CreateHubSpotClient(parse, context);
        return new JourneyMeasurer(new HubSpotConnector(client), new HubSpotJourneySource(client));
    }

    /// <summary>Each persona's measured roles, then the five persona mixes on the most deals with how those deals ended.</summary>
    private static void WriteDecisionRoles(CliContext context, JourneyMap map, Measurement m, long deals)
    {
        string Name(PersonaId id) => map.Personas.FirstOrDefault(p => p.Id == id)?.Name ?? id.Value;
        context.Output.WriteLine($"Decision roles from {deals:N0} deals:");
        foreach (var persona in m.Personas.Where(p => p.DecisionRoles is { Buckets.Count: > 0 }))
            context.Output.WriteLine($"  {Name(persona.PersonaId)}: on {persona.Deals:N0} deals; {string.Join(", ", persona.DecisionRoles!.Buckets.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Label} {b.Share * 100:0.#}%")))}");
        if (m.Committees.Count == 0) return;
        context.Output.WriteLine("Who buys together (deals, won, lost):");
        foreach (var c in m.Committees.Take(5))
            context.Output.WriteLine($"  {string.Join(" + ", c.Personas.Select(Name))}: {c.Deals:N0}, {c.Won:N0} won, {c.Lost:N0} lost{(c.WinRate is double rate ? string.Create(CultureInfo.InvariantCulture, $" ({rate * 100:0}% of closed won)") : string.Empty)}");
    }
}
