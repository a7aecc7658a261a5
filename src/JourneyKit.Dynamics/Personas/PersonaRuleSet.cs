using System.Globalization;
using System.Text.RegularExpressions;
using JourneyKit.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Personas;

/// <summary>
/// The rules that decide a contact's persona: the admin's explicit <see cref="PersonaRule"/>s, tried first and in
/// order, then one <see cref="PersonaProfile"/> per persona derived from the map (its segment bindings and its
/// demographics). The map itself is
/// not changed: the rule set is computed from it. See <see cref="PersonaRules"/> for how a decision is made.
/// </summary>
public sealed partial record PersonaRuleSet
{
    /// <summary>How many of a persona's top professions are used by default.</summary>
    public const int DefaultTopProfessions = 5;

    /// <summary>The share of a persona's contacts (with a known company size) its main bands cover by default.</summary>
    public const double DefaultBandCoverage = 0.6;

    /// <summary>The most company-size bands kept per persona.</summary>
    public const int MaxBands = 3;

    /// <summary>The admin's rules, tried in order before the derived profiles.</summary>
    public IReadOnlyList<PersonaRule> ExplicitRules { get; init; } = [];

    /// <summary>The profiles derived from the map's personas, in map order.</summary>
    public IReadOnlyList<PersonaProfile> Profiles { get; init; } = [];

    /// <summary>
    /// Derives the rule set from a map. For each persona with demographics: its professions are the labels of the
    /// top <paramref name="topProfessions"/> buckets of <see cref="Demographics.Professions"/> (without "Other" and
    /// "Unknown"); its main company-size bands are the largest buckets of <see cref="Demographics.CompanySizeBands"/>
    /// (labels like "50-199" or "1000+"; "Other", "Unknown" and unreadable labels left out) taken until they cover
    /// <paramref name="bandCoverage"/> of the persona's contacts with a known size, at most <see cref="MaxBands"/>.
    /// </summary>
    /// <param name="map">The journey map.</param>
    /// <param name="explicitRules">The admin's rules, if any; each must name a persona of the map.</param>
    /// <param name="topProfessions">How many top professions to keep per persona.</param>
    /// <param name="bandCoverage">The share of contacts the main bands must cover, from 0 to 1.</param>
    /// <param name="crm">The CRM whose segment bindings count for membership; null means <see cref="CrmKind.Dataverse"/>.</param>
    /// <returns>The rule set.</returns>
    /// <exception cref="PersonaRuleFormatException">An explicit rule names a persona the map does not have.</exception>
    public static PersonaRuleSet FromMap(JourneyMap map, IReadOnlyList<PersonaRule>? explicitRules = null,
        int topProfessions = DefaultTopProfessions, double bandCoverage = DefaultBandCoverage, CrmKind? crm = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var bound = crm ?? CrmKind.Dataverse;
        ArgumentOutOfRangeException.ThrowIfLessThan(topProfessions, 1);
        if (bandCoverage is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(bandCoverage), bandCoverage, "The coverage must be in (0, 1].");
        var known = map.Personas.Select(p => p.Id).ToHashSet();
        var rules = explicitRules ?? [];
        for (int i = 0; i < rules.Count; i++)
        {
            if (!known.Contains(rules[i].PersonaId))
                throw new PersonaRuleFormatException($"rules[{i}].personaId: the map '{map.Id}' has no persona '{rules[i].PersonaId}'.");
        }
        var profiles = map.Personas.Select((persona, index) => new PersonaProfile
        {
            PersonaId = persona.Id,
            Professions = persona.Demographics is { } d ? TopProfessions(d.Professions, topProfessions) : [],
            CompanySizes = persona.Demographics is { } d2 ? MainBands(d2.CompanySizeBands, bandCoverage) : [],
            SegmentIds = persona.Segments.Where(b => b.Crm == bound).Select(b => b.SegmentId).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            BusinessValue = persona.BusinessValue ?? 0,
            MapOrder = index,
        }).ToList();
        return new PersonaRuleSet { ExplicitRules = rules, Profiles = profiles };
    }

    /// <summary>
    /// Reads explicit rules from JSON: <c>{"rules":[{"personaId":"lucy","jobTitleContains":["marketing"],
    /// "minEmployees":50,"maxEmployees":499}]}</c>. Unknown properties are refused so that a typo does not silently
    /// widen a rule.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file name, used in error messages.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="PersonaRuleFormatException">The JSON is malformed or a rule is invalid; the message names the path.</exception>
    public static IReadOnlyList<PersonaRule> ParseRules(string json, string source = "rules")
    {
        ArgumentNullException.ThrowIfNull(json);
        JToken root;
        try
        {
            // Dates stay text: by default Newtonsoft turns "/Date(…)/" and ISO-looking strings into dates (and throws a
            // bare ArgumentOutOfRangeException for one out of range), so a persona id or a job title could not be such a text.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            root = JToken.ReadFrom(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                    throw new PersonaRuleFormatException($"{source}: $: unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}.");
            }
        }
        catch (JsonReaderException ex)
        {
            throw new PersonaRuleFormatException($"{source}: $.{ex.Path}: malformed JSON at line {ex.LineNumber}, position {ex.LinePosition}.", ex);
        }
        if (root is not JObject obj || obj["rules"] is not JArray array)
            throw new PersonaRuleFormatException($"{source}: $: expected an object with a \"rules\" array.");
        Fail(source, obj, "$", ["rules"]);
        var rules = new List<PersonaRule>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            string path = $"$.rules[{i}]";
            if (array[i] is not JObject item) throw new PersonaRuleFormatException($"{source}: {path}: expected a rule object.");
            Fail(source, item, path, ["personaId", "jobTitleContains", "minEmployees", "maxEmployees"]);
            if (item["personaId"] is not JValue { Type: JTokenType.String } id || string.IsNullOrWhiteSpace((string?)id))
                throw new PersonaRuleFormatException($"{source}: {path}.personaId: a persona id (text) is required.");
            var contains = new List<string>();
            if (item["jobTitleContains"] is { } list)
            {
                if (list is not JArray texts) throw new PersonaRuleFormatException($"{source}: {path}.jobTitleContains: expected an array of texts.");
                for (int j = 0; j < texts.Count; j++)
                {
                    if (texts[j] is not JValue { Type: JTokenType.String } t || string.IsNullOrWhiteSpace((string?)t))
                        throw new PersonaRuleFormatException($"{source}: {path}.jobTitleContains[{j}]: expected a non-empty text.");
                    contains.Add(((string)t!).Trim());
                }
            }
            int? min = Count(source, item, "minEmployees", path);
            int? max = Count(source, item, "maxEmployees", path);
            if (min is not null && max is not null && min > max)
                throw new PersonaRuleFormatException($"{source}: {path}: minEmployees ({min}) is greater than maxEmployees ({max}).");
            rules.Add(new PersonaRule { PersonaId = new PersonaId(((string)id!).Trim()), JobTitleContains = contains, MinEmployees = min, MaxEmployees = max });
        }
        return rules;
    }

    /// <summary>Reads explicit rules from a JSON file (see <see cref="ParseRules"/>).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="PersonaRuleFormatException">The file is missing, malformed or a rule is invalid.</exception>
    public static async Task<IReadOnlyList<PersonaRule>> LoadRulesAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PersonaRuleFormatException($"{path}: cannot read the rules file: {ex.Message}", ex);
        }
        return ParseRules(json, path);
    }

    private static void Fail(string source, JObject obj, string path, string[] allowed)
    {
        foreach (var property in obj.Properties())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                throw new PersonaRuleFormatException($"{source}: {path}.{property.Name}: unknown property (expected {string.Join(", ", allowed)}).");
        }
    }

    private static int? Count(string source, JObject item, string name, string path)
    {
        var token = item[name];
        if (token is null || token.Type == JTokenType.Null) return null;
        if (token.Type != JTokenType.Integer || (long)token < 0 || (long)token > int.MaxValue)
            throw new PersonaRuleFormatException($"{source}: {path}.{name}: expected a whole number of employees, 0 or more.");
        return (int)token;
    }

    private static bool IsNoise(string label) =>
        string.IsNullOrWhiteSpace(label)
        || label.Equals(Distribution.OtherLabel, StringComparison.OrdinalIgnoreCase)
        || label.Equals("Unknown", StringComparison.OrdinalIgnoreCase);

    private static List<string> TopProfessions(Distribution professions, int top) =>
        professions.Buckets.Where(b => !IsNoise(b.Label)).OrderByDescending(b => b.Count).Take(top).Select(b => b.Label.Trim()).ToList();

    private static List<EmployeeBand> MainBands(Distribution bands, double coverage)
    {
        var parsed = bands.Buckets
            .Where(b => !IsNoise(b.Label) && b.Count > 0)
            .Select(b => (Bucket: b, Band: ParseBand(b.Label)))
            .Where(x => x.Band is not null)
            .OrderByDescending(x => x.Bucket.Count)
            .ToList();
        long total = parsed.Sum(x => x.Bucket.Count);
        var result = new List<EmployeeBand>();
        long covered = 0;
        foreach (var (bucket, band) in parsed)
        {
            if (result.Count == MaxBands || (total > 0 && (double)covered / total >= coverage)) break;
            result.Add(band!);
            covered += bucket.Count;
        }
        return result;
    }

    // [0-9], not \d: \d matches any Unicode digit ("٣", "１"), which int.Parse then refuses.
    [GeneratedRegex(@"^\s*([0-9]{1,9})\s*(?:-|–|to)\s*([0-9]{1,9})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^\s*([0-9]{1,9})\s*\+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex OpenPattern();

    /// <summary>Reads a band label such as "50-199" or "1000+"; null when it is not one.</summary>
    internal static EmployeeBand? ParseBand(string label)
    {
        var range = RangePattern().Match(label);
        if (range.Success)
        {
            int min = int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
            int max = int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
            return min <= max ? new EmployeeBand(label, min, max) : null;
        }
        var open = OpenPattern().Match(label);
        return open.Success ? new EmployeeBand(label, int.Parse(open.Groups[1].Value, CultureInfo.InvariantCulture), null) : null;
    }
}
