using System.Globalization;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Benchmarks;

/// <summary>
/// <c>serve hubspot|dataverse --contacts N [--activities M]</c>: one emulator over a sample CRM of N contacts (journeys with M
/// activities in all when given), no rate limits, in a process of its own, so that a <c>peak</c> scenario measures only
/// the process that populates or measures. It prints one <c>segment ARCHETYPE HUBSPOT-ID GUID MEMBERS</c> line per persona
/// segment, then <c>ready BASE-URI TOKEN</c>; each <c>requests</c> line on its standard input is answered with
/// <c>requests TOTAL</c>; it stops when its standard input closes.
/// </summary>
internal static class EmulatorServer
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || args[0] is not ("hubspot" or "dataverse"))
        {
            Console.Error.WriteLine("serve: give hubspot or dataverse, then --contacts N [--activities M].");
            return 2;
        }
        int contacts = BenchArgs.Int(args, "--contacts", 100_000);
        int? activities = BenchArgs.Has(args, "--activities") ? BenchArgs.Int(args, "--activities", 0) : null;
        var crm = SampleCrm.Generate(SampleCrm.DefaultSeed, contacts);
        if (activities is { } a) crm = crm.WithActivityCount(a);
        CrmEmulator emulator = args[0] == "hubspot"
            ? HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = crm, EnforceRateLimits = false, DailyLimit = null }).GetAwaiter().GetResult()
            : DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = crm, Journeys = activities is not null }).GetAwaiter().GetResult();
        try
        {
            foreach (var s in crm.Segments.Where(s => s.Archetype is not null))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"segment {s.Archetype} {s.Id} {s.Guid:D} {s.MemberIds.Count}"));
            Console.WriteLine($"ready {emulator.BaseUri} {emulator.AccessToken}");
            string? line;
            while ((line = Console.ReadLine()) is not null)
            {
                if (line == "requests") Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests {emulator.TotalRequests}"));
            }
            return 0;
        }
        finally
        {
            emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
