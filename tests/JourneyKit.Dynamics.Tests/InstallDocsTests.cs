using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyKit.Dynamics.Tests;

/// <summary>docs/install-dynamics.md stays true: its C# snippet compiles (here) and its test delivery answers as it says.</summary>
[TestClass]
public sealed partial class InstallDocsTests
{
    // From the test's output folder, not [CallerFilePath]: a CI build (CI=true) maps source paths to /_/.
    private static DirectoryInfo RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "install-dynamics.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/install-dynamics.md not found above the test's directory");
        return dir;
    }

    private static string Docs() => File.ReadAllText(Path.Combine(RepoRoot().FullName, "docs", "install-dynamics.md"));

    private static string ThisFile() =>
        File.ReadAllText(Path.Combine(RepoRoot().FullName, "tests", "JourneyKit.Dynamics.Tests", "InstallDocsTests.cs"));

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharp();

    [GeneratedRegex(@"-d '(?<body>\{.*?\})'", RegexOptions.Singleline)]
    private static partial Regex CurlBody();

    // The documented snippet, compiled: the lines between the markers must be in the docs as they are here.
    private static async Task HostInOwnAppAsync(JourneyMap map, DataverseClient dataverseClient, string key, Guid appUserId, ILogger<ContactEventHandler> logger)
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        // docs:begin
        var segments = map.Personas.SelectMany(p => p.Segments).Where(b => b.Crm == CrmKind.Dataverse).Select(b => b.SegmentId);
        var handler = new ContactEventHandler(
            new PersonaRules(PersonaRuleSet.FromMap(map, await PersonaRuleSet.LoadRulesAsync("persona-rules.json"))),
            new DataverseContactPersonaWriter(dataverseClient), // IContactPersonaWriter over the Dataverse Web API
            new ContactEventHandlerOptions { WebhookKey = key, IgnoredUserIds = [appUserId] },
            TimeProvider.System, logger,
            new DataverseAccountSizeReader(dataverseClient),              // optional: company-size rules
            new DataverseContactSegmentReader(dataverseClient, segments), // optional: membership of the bound lists
            app.Services.GetService<IMeterFactory>());                    // optional: the host's meters
        app.MapJourneyKitWebhook("/journeykit/webhook/contact", handler);
        // docs:end
    }

    [TestMethod]
    public void Docs_HostingSnippet_IsTheCompiledOne()
    {
        _ = (Func<JourneyMap, DataverseClient, string, Guid, ILogger<ContactEventHandler>, Task>)HostInOwnAppAsync;
        string source = ThisFile();
        var compiled = source[(source.IndexOf("// docs:begin", StringComparison.Ordinal) + 13)..source.IndexOf("        // docs:end", StringComparison.Ordinal)]
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var documented = CSharp().Matches(Docs()).Select(m => m.Groups["code"].Value).Single(c => c.Contains("MapJourneyKitWebhook", StringComparison.Ordinal))
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        CollectionAssert.AreEqual(compiled, documented);
    }

    [TestMethod]
    public async Task Docs_TestDelivery_AnswersIgnoredAsDocumented()
    {
        var body = CurlBody().Match(Docs()).Groups["body"].Value;
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas())), new FakePersonaWriter(),
            new ContactEventHandlerOptions { WebhookKey = ContactEventHandlerTests.Key }, null, NullLogger<ContactEventHandler>.Instance);

        var response = await handler.HandleAsync(ContactEventHandlerTests.Request(body));

        Assert.AreEqual(200, response.StatusCode, response.Message);
        Assert.AreEqual(WebhookOutcome.Ignored, response.Outcome);
        StringAssert.Contains(Docs(), $"{{\"outcome\":\"ignored\",\"message\":\"{response.Message}\"}}");
    }
}
