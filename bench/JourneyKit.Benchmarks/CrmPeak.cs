using System.Diagnostics;
using System.Globalization;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.State;
using JourneyKit.Connectors.Sync;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;
using JourneyKit.Templates;

namespace JourneyKit.Benchmarks;

/// <summary>
/// The <c>peak</c> scenarios against an emulator: <c>populate-hubspot|populate-dataverse --members N</c> (issue 12: 1 M
/// segment members, peak ≤ 200 MB) and <c>measure-hubspot|measure-dataverse --contacts N --activities M</c> (issue 11: 100 k contacts with
/// 1 M activities, peak &lt; 200 MB). The emulator runs in a child process (<see cref="EmulatorServer"/>), so the peak
/// working set printed is this process's alone: the one that populates or measures.
/// </summary>
internal static class CrmPeak
{
    public static readonly Dictionary<string, Action<string[]>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["populate-hubspot"] = args => Populate(CrmKind.HubSpot, BenchArgs.Int(args, "--members", 1_000_000)),
        ["populate-dataverse"] = args => Populate(CrmKind.Dataverse, BenchArgs.Int(args, "--members", 1_000_000)),
        ["measure-hubspot"] = args => Measure(CrmKind.HubSpot, BenchArgs.Int(args, "--contacts", 100_000), BenchArgs.Int(args, "--activities", 1_000_000)),
        ["measure-dataverse"] = args => Measure(CrmKind.Dataverse, BenchArgs.Int(args, "--contacts", 100_000), BenchArgs.Int(args, "--activities", 1_000_000)),
    };

    private static void Populate(CrmKind crm, int members)
    {
        // Every contact of the sample sits in exactly one persona's segment, so N contacts are N segment members.
        using var server = ServedEmulator.Start(crm, ["--contacts", Text(members)]);
        var connector = Connector(crm, server);
        var statePath = Path.Combine(Path.GetTempPath(), $"journeykit-peak-{Environment.ProcessId}.db");
        try
        {
            var map = BenchCrmMap.Create(crm, server.Segments);
            var watch = Stopwatch.StartNew();
            PopulateResult result;
            using (var store = SyncStateStore.OpenAsync(statePath).GetAwaiter().GetResult())
            {
                var engine = new SyncEngine([connector], store);
                result = engine.PopulateAsync(map, new PopulateOptions { Crms = [crm] }).GetAwaiter().GetResult();
            }
            watch.Stop();
            Report($"populate-{Lower(crm)}", watch, server,
                $"{result.ContactsRead:N0} members of {server.Segments.Count} segments, {result.SignalsRead:N0} objection signals");
        }
        finally
        {
            foreach (var f in new[] { statePath, statePath + "-wal", statePath + "-shm" }) File.Delete(f);
        }
    }

    private static void Measure(CrmKind crm, int contacts, int activities)
    {
        using var server = ServedEmulator.Start(crm, ["--contacts", Text(contacts), "--activities", Text(activities)]);
        var connector = Connector(crm, server);
        var map = BenchCrmMap.Create(crm, server.Segments);
        var measurer = crm == CrmKind.HubSpot
            ? new JourneyMeasurer(connector, new HubSpotJourneySource(HubSpot(server)))
            : new JourneyMeasurer(connector, new DataverseJourneySource(Dataverse(server)));
        var watch = Stopwatch.StartNew();
        var result = measurer.MeasureAsync(map).GetAwaiter().GetResult();
        watch.Stop();
        Report($"measure-{Lower(crm)}", watch, server,
            $"{result.Contacts:N0} contacts, {result.CrmEvents:N0} CRM records, {result.Events:N0} journey events");
    }

    private static void Report(string name, Stopwatch watch, ServedEmulator server, string what)
    {
        long requests = server.Requests();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {what}; {watch.Elapsed.TotalSeconds:0.0} s, {requests:N0} requests, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB (this process; the emulator runs in another)"));
    }

    private static ICrmConnector Connector(CrmKind crm, ServedEmulator server) => crm == CrmKind.HubSpot
        ? new HubSpotConnector(HubSpot(server))
        : new DataverseConnector(Dataverse(server));

    private static DataverseClient Dataverse(ServedEmulator server) => new(new DataverseClientOptions { EnvironmentUrl = server.BaseUri, AccessToken = server.Token });

    private static HubSpotClient HubSpot(ServedEmulator server) =>
        new(new HubSpotClientOptions { BaseUri = server.BaseUri, AccessToken = server.Token, RequestsPerWindow = 1_000_000, SearchRequestsPerSecond = 1_000 });

    private static string Lower(CrmKind crm) => crm.ToString().ToLowerInvariant();

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
