using System.Text.RegularExpressions;

namespace JourneyKit.Core.Tests;

/// <summary>What the docs tests share: the repository's files, a page's fenced snippets, and a test file's compiled snippet (between <c>// docs:begin</c> and <c>// docs:end</c>).</summary>
internal static partial class DocsSnippets
{
    /// <summary>A file of the repository, by its path's parts from the root (found above the test's directory).</summary>
    public static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !(Directory.Exists(Path.Combine(dir.FullName, "docs")) && File.Exists(Path.Combine(dir.FullName, "README.md")))) dir = dir.Parent;
        Assert.IsNotNull(dir, "docs/ not found above the test's directory");
        return File.ReadAllText(Path.Combine([dir.FullName, .. parts]));
    }

    /// <summary>The fenced <c>csharp</c> and <c>json</c> blocks of a page of docs/, in order, as (language, code).</summary>
    public static IReadOnlyList<(string Language, string Code)> Fences(string page) =>
        Fence().Matches(Repo("docs", page)).Select(m => (m.Groups["lang"].Value, m.Groups["code"].Value)).ToList();

    /// <summary>The non-empty lines of a snippet, trimmed (indentation differs between a page and a method body).</summary>
    public static List<string> Lines(string code) => code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>The lines between <c>// docs:begin</c> and <c>// docs:end</c> of a test file, by its path under tests/JourneyKit.Core.Tests.</summary>
    public static List<string> Compiled(params string[] testFile)
    {
        var source = Repo(["tests", "JourneyKit.Core.Tests", .. testFile]);
        int begin = source.IndexOf("// docs:begin", StringComparison.Ordinal) + "// docs:begin".Length;
        return Lines(source[begin..source.IndexOf("        // docs:end", StringComparison.Ordinal)]);
    }

    [GeneratedRegex(@"```(?<lang>csharp|json)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
