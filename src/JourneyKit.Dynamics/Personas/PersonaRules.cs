namespace JourneyKit.Dynamics.Personas;

/// <summary>
/// Decides a contact's persona from a <see cref="PersonaRuleSet"/>.
/// <list type="number">
/// <item>Explicit rules first, in order: the first rule whose every condition holds wins (a job title containing one
/// of its texts, case-insensitive; a company size within its bounds — an unknown size fails a size condition).</item>
/// <item>Then segment membership: a contact in a segment bound to a persona gets it (the persona stands for its
/// segments' members); when several personas qualify, the one with the highest business value wins, then map order.</item>
/// <item>Otherwise the demographics: a persona matches when the job title contains one of its professions as
/// whole words ("Senior Marketing Director" contains "Marketing Director"; "IT" does not match "Digital") and/or the
/// company size falls in one of its main bands. A persona matching on both beats one matching on the profession
/// alone, which beats one matching on the size alone — a size band is shared by many personas, a job title rarely.
/// Equal matches are ranked by business value (the most profitable persona first), then by map order.</item>
/// <item>No match: no decision (null); the contact keeps whatever persona it has.</item>
/// </list>
/// </summary>
public sealed class PersonaRules
{
    private readonly PersonaRuleSet _ruleSet;
    private readonly List<(PersonaProfile Profile, List<(string Label, string[] Words)> Professions)> _profiles;

    /// <summary>Creates the decision logic over a rule set.</summary>
    /// <param name="ruleSet">The rules.</param>
    public PersonaRules(PersonaRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _ruleSet = ruleSet;
        _profiles = ruleSet.Profiles.Select(p => (p, p.Professions.Select(label => (label, Words(label))).Where(x => x.Item2.Length > 0).ToList())).ToList();
        UsesJobTitle = ruleSet.ExplicitRules.Any(r => r.JobTitleContains.Count > 0) || _profiles.Any(p => p.Professions.Count > 0);
        UsesCompanySize = ruleSet.ExplicitRules.Any(r => r.MinEmployees is not null || r.MaxEmployees is not null)
            || ruleSet.Profiles.Any(p => p.CompanySizes.Count > 0);
        UsesSegments = ruleSet.Profiles.Any(p => p.SegmentIds.Count > 0);
    }

    /// <summary>Whether any persona is bound to segments (so membership is worth reading).</summary>
    public bool UsesSegments { get; }

    /// <summary>Whether any rule looks at the job title (so a decision needs it).</summary>
    public bool UsesJobTitle { get; }

    /// <summary>Whether any rule looks at the company size (so a decision needs it).</summary>
    public bool UsesCompanySize { get; }

    /// <summary>Decides the persona of a contact.</summary>
    /// <param name="contact">What is known about the contact.</param>
    /// <returns>The decision, or null when no rule matches.</returns>
    public PersonaDecision? Decide(ContactFacts contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var rules = _ruleSet.ExplicitRules;
        for (int i = 0; i < rules.Count; i++)
        {
            if (Matches(rules[i], contact, out string why)) return new PersonaDecision(rules[i].PersonaId, $"explicit rule {i + 1} ({why})");
        }

        if (contact.SegmentIds.Count > 0)
        {
            var member = _ruleSet.Profiles
                .Select(p => (Profile: p, Segment: p.SegmentIds.FirstOrDefault(id => contact.SegmentIds.Contains(id, StringComparer.OrdinalIgnoreCase))))
                .Where(x => x.Segment is not null)
                .OrderByDescending(x => x.Profile.BusinessValue)
                .ThenBy(x => x.Profile.MapOrder)
                .FirstOrDefault();
            if (member.Profile is not null) return new PersonaDecision(member.Profile.PersonaId, $"member of segment {member.Segment}");
        }

        string[] title = Words(contact.JobTitle);
        var best = _profiles
            .Select(p =>
            {
                string? profession = p.Professions.FirstOrDefault(x => ContainsWords(title, x.Words)).Label;
                var band = contact.CompanyEmployees is int employees ? p.Profile.CompanySizes.FirstOrDefault(b => b.Contains(employees)) : null;
                int strength = (profession is null ? 0 : 2) + (band is null ? 0 : 1);
                return (p.Profile, Profession: profession, Band: band, Strength: strength);
            })
            .Where(x => x.Strength > 0)
            .OrderByDescending(x => x.Strength)
            .ThenByDescending(x => x.Profile.BusinessValue)
            .ThenBy(x => x.Profile.MapOrder)
            .FirstOrDefault();
        if (best.Profile is null) return null;
        var reasons = new List<string>(2);
        if (best.Profession is not null) reasons.Add($"job title matches '{best.Profession}'");
        if (best.Band is not null) reasons.Add($"company size in band {best.Band.Label}");
        return new PersonaDecision(best.Profile.PersonaId, string.Join(" and ", reasons));
    }

    private static bool Matches(PersonaRule rule, ContactFacts contact, out string why)
    {
        var parts = new List<string>(3);
        if (rule.JobTitleContains.Count > 0)
        {
            string? hit = contact.JobTitle is null ? null
                : rule.JobTitleContains.FirstOrDefault(t => contact.JobTitle.Contains(t, StringComparison.OrdinalIgnoreCase));
            if (hit is null) { why = string.Empty; return false; }
            parts.Add($"job title contains '{hit}'");
        }
        if (rule.MinEmployees is not null || rule.MaxEmployees is not null)
        {
            if (contact.CompanyEmployees is not int employees
                || (rule.MinEmployees is int min && employees < min)
                || (rule.MaxEmployees is int max && employees > max))
            {
                why = string.Empty;
                return false;
            }
            parts.Add($"{employees} employees");
        }
        why = parts.Count == 0 ? "default" : string.Join(", ", parts);
        return true;
    }

    /// <summary>Lower-case words of a text (letters and digits), so matching ignores case and punctuation.</summary>
    private static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return [.. words];
    }

    private static bool ContainsWords(string[] haystack, string[] needle)
    {
        if (needle.Length == 0 || needle.Length > haystack.Length) return false;
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return true;
        }
        return false;
    }
}
