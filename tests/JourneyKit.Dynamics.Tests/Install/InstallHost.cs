using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Dynamics.Tests.Install;

internal static class InstallHost
{
    private static readonly Lazy<SampleCrm> Small = new(() => SampleCrm.Generate(7, 60));

    public static SampleCrm Crm => Small.Value;

    public static Task<DataverseEmulator> StartAsync(bool installed = false) =>
        DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Crm, JourneyKitTablesInstalled = installed });

    public static DataverseClient Client(DataverseEmulator dv) =>
        new(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken, Retry = { MaxRetries = 0, MaxRateLimitRetries = 0 } });

    public static IReadOnlyList<EmulatorRequest> WriteRequests(DataverseEmulator dv) => dv.Requests.Where(r => r.Method != "GET").ToList();

    public static Persona Lucy() => new()
    {
        Id = "lucy",
        Name = "Lucy, marketing director",
        Story = "Runs a team of six; wants one tool for every social network.",
        Objections =
        [
            new Objection { Id = "price", Text = "Too expensive for our budget", Category = ObjectionCategory.Price, StageId = "purchase", Count = 12, Share = 0.4, SuggestedAnswer = "Show the ROI calculator." },
            new Objection { Id = "security", Text = "No SSO", Category = ObjectionCategory.SecurityCompliance, Count = 3, Share = 0.1 },
        ],
    };
}
