using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// One trace of a contact's journey as the CRM keeps it, in CRM terms, with its evidence (the record it was read
/// from). The sync engine turns it into a <c>JourneyEvent</c> of the map through the map's stage and touchpoint bindings.
/// </summary>
public sealed record CrmJourneyEvent
{
    /// <summary>The CRM it was read from.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>The contact whose journey it belongs to.</summary>
    public required string ContactId { get; init; }

    /// <summary>What it records.</summary>
    public required CrmJourneyEventKind Kind { get; init; }

    /// <summary>
    /// Where in the CRM it comes from, as a binding names it: HubSpot <c>lifecyclestage</c>, <c>dealstage</c>, <c>calls</c>,
    /// <c>emails</c>, <c>meetings</c>, <c>communications</c>, <c>feedback_submissions</c>; Dataverse <c>lead</c>,
    /// <c>opportunity</c>, a process-flow table (<c>opportunitysalesprocess</c>), an activity type (<c>phonecall</c>…) or
    /// <c>msfp_surveyresponse</c>.
    /// </summary>
    public required string Source { get; init; }

    /// <summary>The stage's internal id (<c>customer</c>, <c>closedwon</c>, <c>qualified</c>, a process stage id), the survey type, or null for an activity.</summary>
    public string? Value { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>For a stage entry: whether the CRM keeps its date (<see cref="CrmStageDating.Recorded"/>), only while the record is at the stage, or not at all (the timestamp is an upper bound).</summary>
    /// <value>The default is <see cref="CrmStageDating.Recorded"/>.</value>
    public CrmStageDating Dating { get; init; }

    /// <summary>The evidence's record type (<c>contact</c>, <c>deal</c>, <c>call</c>, <c>feedback_submission</c>, <c>opportunity</c>…).</summary>
    public required string RecordType { get; init; }

    /// <summary>The evidence's record id in the CRM.</summary>
    public required string RecordId { get; init; }

    /// <summary>The deal (opportunity) it belongs to, when it is a deal's stage or an activity logged on a deal.</summary>
    public string? DealId { get; init; }

    /// <summary>The properties a binding may narrow on (direction, outcome, channel type, subject), as the CRM spells them.</summary>
    public IReadOnlyDictionary<string, string?> Properties { get; init; } = EmptyProperties;

    /// <summary>For an activity: which way it went, when the CRM records it; else null.</summary>
    public ActivityDirection? Direction { get; init; }

    /// <summary>For an activity: its outcome as the CRM spells it (a call disposition, a meeting outcome, a status reason); else null.</summary>
    public string? Outcome { get; init; }

    /// <summary>For an activity: its subject or title; else null.</summary>
    public string? Subject { get; init; }

    /// <summary>For an activity whose channel depends on the record (a HubSpot communication, a campaign response): that channel; else null.</summary>
    public Channel? Channel { get; init; }

    /// <summary>For an activity: what it came from (a form, a marketing email, a campaign), by id; else null.</summary>
    public string? SourceId { get; init; }

    /// <summary>For a survey answer: the satisfaction on JourneyKit's 1–5 scale (see <see cref="SatisfactionScale"/>); else null.</summary>
    public int? Satisfaction { get; init; }

    /// <summary>For a survey answer: the answer on the survey's own scale (NPS 0–10…); else null.</summary>
    public int? Score { get; init; }

    private static readonly IReadOnlyDictionary<string, string?> EmptyProperties = new Dictionary<string, string?>(StringComparer.Ordinal);
}
