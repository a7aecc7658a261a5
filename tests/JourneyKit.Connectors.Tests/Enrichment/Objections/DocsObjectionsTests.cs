using System.Text.RegularExpressions;
using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Model;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

/// <summary>Keeps docs/objections.md honest: its snippet is this file's code, compiled and run.</summary>
[TestClass]
public sealed class DocsObjectionsTests
{
    #region docs/objections.md
    // A classifier of your own: here, a team's rule that any note naming their arch-rival is a Competitor objection,
    // and the default rules for everything else.
    public sealed class RivalAwareClassifier : IObjectionClassifier
    {
        private readonly RuleObjectionClassifier _rules = RuleObjectionClassifier.Instance;

        public ValueTask<ObjectionClassification> ClassifyAsync(string text, ObjectionTextKind kind, CancellationToken cancellationToken = default)
        {
            if (text.Contains("Rivalsoft", StringComparison.OrdinalIgnoreCase))
            {
                return ValueTask.FromResult(new ObjectionClassification
                {
                    Objections = [new DetectedObjection { Category = ObjectionCategory.Competitor, Excerpt = text }],
                });
            }
            return _rules.ClassifyAsync(text, kind, cancellationToken);
        }
    }

    public static IObjectionClassifier Register()
    {
        var services = new ServiceCollection();
        services.AddJourneyKit().UseObjectionClassifier<RivalAwareClassifier>();
        // …and hand it to the engine: new SyncEngine(connectors, store, classifier: provider.GetRequiredService<IObjectionClassifier>())
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IObjectionClassifier>();
    }
    #endregion

    [TestMethod]
    public async Task ObjectionsDoc_Snippet_IsThisCodeAndWorks()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "objections.md"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/objections.md not found above the test's directory");
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "objections.md"));
        var snippet = Regex.Match(doc, "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(Path.Combine(dir.FullName, "tests", "JourneyKit.Connectors.Tests", "Enrichment", "Objections", "DocsObjectionsTests.cs"));
        var region = Regex.Match(source, "#region docs/objections.md\n(.*?)\n *#endregion", RegexOptions.Singleline).Groups[1].Value;
        Assert.AreEqual(Normalize(region), Normalize(snippet), "docs/objections.md's snippet must be the code of the #region in DocsObjectionsTests.cs");

        var classifier = Register();
        Assert.IsInstanceOfType<RivalAwareClassifier>(classifier);
        Assert.AreEqual(ObjectionCategory.Competitor, (await classifier.ClassifyAsync("They signed with Rivalsoft.", ObjectionTextKind.Note)).Objections.Single().Category);
        Assert.IsFalse((await classifier.ClassifyAsync("Left a voicemail.", ObjectionTextKind.Note)).IsObjection);
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
