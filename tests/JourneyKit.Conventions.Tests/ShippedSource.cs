using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace JourneyKit.Conventions.Tests;

/// <summary>The C# source of every shipped package (the projects under <c>src/</c>), parsed once.</summary>
internal static class ShippedSource
{
    /// <summary>The shipped projects: the four packages, the tool and the build-time generators compiled into Core. A new project under src/ is picked up by the test that lists them.</summary>
    public static readonly string[] Projects = ["JourneyKit.Core", "JourneyKit.Connectors", "JourneyKit.Dynamics", "JourneyKit.Testing", "JourneyKit.Cli", "JourneyKit.Generators"];

    private static readonly Lazy<DirectoryInfo> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JourneyKit.sln"))) dir = dir.Parent;
        return dir ?? throw new InvalidOperationException("JourneyKit.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<IReadOnlyList<SourceFile>> All = new(() =>
    {
        var files = new List<SourceFile>();
        foreach (var project in Projects.Append("Shared"))
        {
            var dir = Path.Combine(RepoRoot.FullName, "src", project);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoRoot.FullName, path).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                var text = File.ReadAllText(path);
                var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Parse), relative);
                files.Add(new SourceFile(relative, text, (CompilationUnitSyntax)tree.GetRoot()));
            }
        }
        return files;
    });

    /// <summary>The repository's root (where JourneyKit.sln is).</summary>
    public static DirectoryInfo RepoRoot => Root.Value;

    /// <summary>Every .cs file of the shipped projects.</summary>
    public static IReadOnlyList<SourceFile> Files => All.Value;

    /// <summary>Whether a declaration is part of the public surface: public (or protected in a public, unsealed type), and so is every type around it.</summary>
    public static bool IsVisible(MemberDeclarationSyntax member)
    {
        if (!IsPublicOrProtected(member)) return false;
        for (var parent = member.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is BaseTypeDeclarationSyntax type && !IsPublicOrProtected(type)) return false;
        }
        return true;
    }

    private static bool IsPublicOrProtected(MemberDeclarationSyntax member)
    {
        var modifiers = member.Modifiers;
        if (modifiers.Any(SyntaxKind.PrivateKeyword) && !modifiers.Any(SyntaxKind.ProtectedKeyword)) return false;
        if (modifiers.Any(SyntaxKind.PublicKeyword)) return true;
        if (modifiers.Any(SyntaxKind.ProtectedKeyword) && !modifiers.Any(SyntaxKind.PrivateKeyword)) return true;
        // Members of an interface and of an enum are public without a modifier.
        return member.Parent is InterfaceDeclarationSyntax or EnumDeclarationSyntax && member is not BaseTypeDeclarationSyntax;
    }

    /// <summary>The declaration's XML doc comment, or null.</summary>
    public static DocumentationCommentTriviaSyntax? DocComment(SyntaxNode node) =>
        node.GetLeadingTrivia().Select(t => t.GetStructure()).OfType<DocumentationCommentTriviaSyntax>().FirstOrDefault();

    /// <summary>A readable name for a declaration: file, line and what it declares.</summary>
    public static string Describe(SourceFile file, SyntaxNode node)
    {
        int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        string name = node switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.Text,
            DelegateDeclarationSyntax d => d.Identifier.Text,
            MethodDeclarationSyntax m => m.Identifier.Text + "()",
            PropertyDeclarationSyntax p => p.Identifier.Text,
            EventDeclarationSyntax e => e.Identifier.Text,
            EventFieldDeclarationSyntax e => string.Join(", ", e.Declaration.Variables.Select(v => v.Identifier.Text)),
            FieldDeclarationSyntax f => string.Join(", ", f.Declaration.Variables.Select(v => v.Identifier.Text)),
            ConstructorDeclarationSyntax c => c.Identifier.Text + "(ctor)",
            EnumMemberDeclarationSyntax e => e.Identifier.Text,
            IndexerDeclarationSyntax => "this[]",
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
            ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
            _ => node.Kind().ToString(),
        };
        return $"{file.Path}:{line} {name}";
    }
}

/// <summary>One parsed source file.</summary>
internal sealed record SourceFile(string Path, string Text, CompilationUnitSyntax Root)
{
    /// <summary>The file's line count.</summary>
    public int Lines => Text.Count(c => c == '\n') + (Text.Length > 0 && Text[^1] != '\n' ? 1 : 0);
}
