using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JourneyKit.Conventions.Tests;

/// <summary>
/// The conventions of the libraries JourneyKit follows (Azure SDK, Octokit, Npgsql), checked over the source of every
/// shipped package, the Dynamics package and the tool included. Each test lists every place that breaks its rule.
/// </summary>
[TestClass]
public sealed class ShippedSourceConventionsTests
{
    /// <summary>Files may be longer than this only by being split into partial files by section.</summary>
    private const int MaxLines = 600;

    private static void AssertNone(IEnumerable<string> problems, string rule)
    {
        var list = problems.ToList();
        Assert.IsEmpty(list, $"{rule} ({list.Count}):\n  " + string.Join("\n  ", list.Take(60)));
    }

    [TestMethod]
    public void Projects_EveryCSharpProjectUnderSrc_IsChecked()
    {
        var underSrc = Directory.EnumerateFiles(Path.Combine(ShippedSource.RepoRoot.FullName, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEquivalent(underSrc, ShippedSource.Projects, "a new project under src/ must be added to ShippedSource.Projects");
        Assert.IsGreaterThan(300, ShippedSource.Files.Count, "the source was found and parsed");
    }

    [TestMethod]
    public void Source_ParsesWithoutErrors()
    {
        AssertNone(ShippedSource.Files.SelectMany(f => f.Root.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{f.Path}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")), "files the parser refuses");
    }

    [TestMethod]
    public void PublicMembers_AllHaveADocComment()
    {
        var missing = from file in ShippedSource.Files
                      from member in file.Root.DescendantNodes().OfType<MemberDeclarationSyntax>()
                      where member is not BaseNamespaceDeclarationSyntax and not GlobalStatementSyntax
                      where ShippedSource.IsVisible(member)
                      where member is not BaseTypeDeclarationSyntax type || !type.Modifiers.Any(SyntaxKind.PartialKeyword)
                      where ShippedSource.DocComment(member) is null
                      select ShippedSource.Describe(file, member);

        AssertNone(missing, "public members without a /// comment");
    }

    [TestMethod]
    public void PublicPartialTypes_HaveADocCommentOnOneOfTheirParts()
    {
        var parts = from file in ShippedSource.Files
                    from type in file.Root.DescendantNodes().OfType<TypeDeclarationSyntax>()
                    where type.Modifiers.Any(SyntaxKind.PartialKeyword) && ShippedSource.IsVisible(type)
                    select (Name: QualifiedName(type), Documented: ShippedSource.DocComment(type) is not null);

        AssertNone(parts.GroupBy(p => p.Name).Where(g => !g.Any(p => p.Documented)).Select(g => g.Key), "public partial types documented on none of their parts");
    }

    [TestMethod]
    public void Files_HoldOnePublicTopLevelTypeEach()
    {
        var crowded = from file in ShippedSource.Files
                      let types = file.Root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                          .OfType<MemberDeclarationSyntax>()
                          .Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax && ShippedSource.IsVisible(m))
                          .Select(TopLevelName).Distinct().ToList()
                      where types.Count > 1
                      select $"{file.Path}: {string.Join(", ", types)}";

        AssertNone(crowded, "files with more than one public top-level type");
    }

    [TestMethod]
    public void Options_EverySettableProperty_DocumentsItsValue()
    {
        var missing = from file in ShippedSource.Files
                      from type in file.Root.DescendantNodes().OfType<TypeDeclarationSyntax>()
                      where type.Identifier.Text.EndsWith("Options", StringComparison.Ordinal) && ShippedSource.IsVisible(type)
                      from property in type.Members.OfType<PropertyDeclarationSyntax>()
                      where ShippedSource.IsVisible(property)
                      where property.AccessorList?.Accessors.Any(a => a.Kind() is SyntaxKind.SetAccessorDeclaration or SyntaxKind.InitAccessorDeclaration) == true
                      let doc = ShippedSource.DocComment(property)
                      where doc is null || !doc.Content.OfType<XmlElementSyntax>().Any(e => e.StartTag.Name.LocalName.Text == "value")
                      select ShippedSource.Describe(file, property);

        AssertNone(missing, "options properties without a <value> element");
    }

    [TestMethod]
    public void Files_AreAtMostSixHundredLines()
    {
        AssertNone(ShippedSource.Files.Where(f => f.Lines > MaxLines).Select(f => $"{f.Path}: {f.Lines} lines"),
            $"files over {MaxLines} lines (split them into partial files by section)");
    }

    private static string TopLevelName(MemberDeclarationSyntax member) => member switch
    {
        TypeDeclarationSyntax t => t.Identifier.Text + (t.TypeParameterList is { } tp ? $"`{tp.Parameters.Count}" : ""),
        BaseTypeDeclarationSyntax t => t.Identifier.Text,
        DelegateDeclarationSyntax d => d.Identifier.Text,
        _ => member.Kind().ToString(),
    };

    private static string QualifiedName(TypeDeclarationSyntax type)
    {
        var names = new Stack<string>();
        for (SyntaxNode? node = type; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax t) names.Push(t.Identifier.Text);
            else if (node is BaseNamespaceDeclarationSyntax ns) names.Push(ns.Name.ToString());
        }
        return string.Join('.', names);
    }
}
