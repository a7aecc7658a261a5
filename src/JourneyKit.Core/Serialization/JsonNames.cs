using System.Text;
using System.Text.RegularExpressions;

namespace JourneyKit.Serialization;

/// <summary>Naming and path helpers shared by serialization, validation and diffs.</summary>
internal static partial class JsonNames
{
    /// <summary>"WordOfMouth" → "wordOfMouth", the same rule as the contract resolver's.</summary>
    public static string CamelCase(string name) => Strategy.GetPropertyName(name, false);

    private static readonly Newtonsoft.Json.Serialization.CamelCaseNamingStrategy Strategy = new();

    /// <summary>Turns a Newtonsoft path ("personas[0].name", "") into a JSONPath ("$.personas[0].name", "$").</summary>
    public static string ToJsonPath(string? newtonsoftPath)
    {
        if (string.IsNullOrEmpty(newtonsoftPath)) return "$";
        return newtonsoftPath[0] == '[' ? "$" + newtonsoftPath : "$." + newtonsoftPath;
    }

    /// <summary>Appends a property name to a JSONPath.</summary>
    public static string Child(string path, string property) => new StringBuilder(path).Append('.').Append(property).ToString();

    /// <summary>Appends an index to a JSONPath.</summary>
    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>Removes Newtonsoft's " Path 'x', line 1, position 2." suffix: the problem carries those separately.</summary>
    public static string CleanMessage(string message) => PathSuffix().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"\s*Path '.*?'(, line \d+, position \d+)?\.?\s*$", RegexOptions.Singleline)]
    private static partial Regex PathSuffix();
}
