using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>
/// Maps a CRM's deal–contact role (a HubSpot association label, a Dataverse connection role) to a
/// <see cref="DecisionRole"/>: a label matches when it contains <see cref="Text"/>, ignoring case. The first matching rule
/// of a list wins, so put the more specific texts first.
/// </summary>
/// <param name="Text">The text to look for in the label, e.g. <c>"budget"</c>.</param>
/// <param name="Role">The role a matching label stands for.</param>
public sealed record DecisionRoleRule(string Text, DecisionRole Role)
{
    /// <summary>
    /// The rules used when none are given, for the role names portals and organisations commonly define: decision maker,
    /// economic buyer, budget holder, procurement, champion, evaluator, end user, assistant, sponsor.
    /// </summary>
    public static IReadOnlyList<DecisionRoleRule> Defaults { get; } =
    [
        new("decision", DecisionRole.Decider),
        new("decider", DecisionRole.Decider),
        new("approver", DecisionRole.Decider),
        new("executive sponsor", DecisionRole.Decider),
        new("budget", DecisionRole.Buyer),
        new("buyer", DecisionRole.Buyer),
        new("procurement", DecisionRole.Buyer),
        new("purchas", DecisionRole.Buyer),
        new("signer", DecisionRole.Buyer),
        new("champion", DecisionRole.Influencer),
        new("influenc", DecisionRole.Influencer),
        new("evaluator", DecisionRole.Influencer),
        new("advisor", DecisionRole.Influencer),
        new("consultant", DecisionRole.Influencer),
        new("technical", DecisionRole.Influencer),
        new("user", DecisionRole.User),
        new("employee", DecisionRole.User),
        new("assistant", DecisionRole.Gatekeeper),
        new("gatekeeper", DecisionRole.Gatekeeper),
        new("blocker", DecisionRole.Gatekeeper),
        new("initiator", DecisionRole.Initiator),
        new("sponsor", DecisionRole.Initiator),
        new("requester", DecisionRole.Initiator),
    ];

    /// <summary>Whether a CRM label matches this rule.</summary>
    /// <param name="label">The label.</param>
    /// <returns>True when the label contains <see cref="Text"/>, ignoring case.</returns>
    public bool Matches(string? label) =>
        !string.IsNullOrWhiteSpace(label) && !string.IsNullOrWhiteSpace(Text) && label.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The role of a label under a list of rules: the first matching rule's.</summary>
    /// <param name="rules">The rules, in order.</param>
    /// <param name="label">The label.</param>
    /// <returns>The role, or null when no rule matches.</returns>
    public static DecisionRole? RoleOf(IEnumerable<DecisionRoleRule> rules, string? label)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (rule is not null && rule.Matches(label)) return rule.Role;
        }
        return null;
    }

    /// <summary>Reads a rule written as <c>TEXT=ROLE</c>, e.g. <c>Signatory=buyer</c> (the role's name, any case).</summary>
    /// <param name="text">The rule.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="FormatException">It is not <c>TEXT=ROLE</c> with a known role.</exception>
    public static DecisionRoleRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = text.LastIndexOf('=');
        var label = at > 0 ? text[..at].Trim() : string.Empty;
        var role = at > 0 ? text[(at + 1)..].Trim() : string.Empty;
        if (label.Length == 0 || role.Length == 0)
            throw new FormatException($"'{text}' is not a decision-role rule: write TEXT=ROLE, e.g. Signatory=buyer.");
        if (int.TryParse(role, out _) || !Enum.TryParse<DecisionRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            throw new FormatException($"'{role}' in '{text}' is not a decision role; the roles are {string.Join(", ", Enum.GetNames<DecisionRole>().Select(n => n.ToLowerInvariant()))}.");
        return new DecisionRoleRule(label, parsed);
    }
}
