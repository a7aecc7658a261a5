using System.Text;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>One damage done to a JSON document: which kind, where (an index into its tokens or characters), with what.</summary>
internal readonly record struct JsonMutation(int Kind, int Where, int With)
{
    public const int Kinds = 8;

    public static readonly Gen<JsonMutation> Gen = CsCheck.Gen.Select(CsCheck.Gen.Int[0, Kinds - 1], CsCheck.Gen.Int[0, 1_000_000], CsCheck.Gen.Int[0, 9],
        (k, w, v) => new JsonMutation(k, w, v));

    private static readonly JToken[] Replacements =
    [
        JValue.CreateNull(), new JValue(true), new JValue(-1), new JValue(1.5e308), new JValue("x"), new JArray(), new JObject(),
        new JValue(""), new JArray(new JValue(1), JValue.CreateNull()), new JObject { ["value"] = new JValue("\u0000") },
    ];

    /// <summary>Applies mutations in order: tree edits (drop, retype, duplicate, rename) and then text edits (duplicate key, truncate, insert, delete).</summary>
    public static string Apply(string json, IReadOnlyList<JsonMutation> mutations)
    {
        JToken root;
        try
        {
            root = JToken.Parse(json);
        }
        catch (JsonReaderException)
        {
            root = new JObject();
        }
        var text = new List<JsonMutation>();
        foreach (var m in mutations)
        {
            if (m.Kind >= 4)
            {
                text.Add(m);
                continue;
            }
            var tokens = (root is JContainer c ? c.DescendantsAndSelf() : [root]).Where(t => t.Parent is not null && t is not JProperty).ToList();
            if (tokens.Count == 0) continue;
            var target = tokens[m.Where % tokens.Count];
            switch (m.Kind)
            {
                case 0: // drop
                    if (target.Parent is JProperty p) p.Remove();
                    else target.Remove();
                    break;
                case 1: // retype
                    target.Replace(Replacements[m.With].DeepClone());
                    break;
                case 2: // duplicate an array item / a value
                    if (target.Parent is JArray a) a.Add(target.DeepClone());
                    else target.Replace(new JArray(target.DeepClone(), target.DeepClone()));
                    break;
                case 3: // rename a property
                    if (target.Parent is JProperty named && named.Parent is JObject owner && !owner.ContainsKey(named.Name + "X"))
                        named.Replace(new JProperty(m.With % 2 == 0 ? named.Name + "X" : named.Name.ToUpperInvariant() + "_", target.DeepClone()));
                    break;
            }
        }
        var result = root.ToString(Formatting.Indented);
        foreach (var m in text)
        {
            int at = result.Length == 0 ? 0 : m.Where % result.Length;
            switch (m.Kind)
            {
                case 4: // duplicate a property textually: repeat the line that holds a key
                    {
                        int start = result.LastIndexOf('\n', at) + 1;
                        int end = start < result.Length ? result.IndexOf('\n', start) : -1;
                        if (end < 0) end = result.Length;
                        var line = result[start..end];
                        if (line.TrimStart().StartsWith('"') && line.Contains("\":", StringComparison.Ordinal))
                            result = result[..start] + line.TrimEnd(',') + ",\n" + result[start..];
                        break;
                    }
                case 5:
                    result = result[..at];
                    break;
                case 6:
                    result = result.Insert(at, "\"{}[],:\\\u0000\ud800x1e999"[m.With..(m.With + 1)]);
                    break;
                case 7:
                    if (result.Length > 0) result = result.Remove(at, 1);
                    break;
            }
        }
        return result;
    }

    public static string Describe(IReadOnlyList<JsonMutation> mutations) =>
        mutations.Aggregate(new StringBuilder(), (sb, m) => sb.Append(m).Append("; ")).ToString();
}
