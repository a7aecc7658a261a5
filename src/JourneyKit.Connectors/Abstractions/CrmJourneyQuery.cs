namespace JourneyKit.Connectors.Abstractions;

/// <summary>What journey history to read, for which contacts, over which window.</summary>
public sealed record CrmJourneyQuery
{
    /// <summary>The contacts (members of the personas' segments), each once.</summary>
    public required IReadOnlyCollection<string> ContactIds { get; init; }

    /// <summary>Only events at or after this instant; null for all history.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events before this instant; null for no bound.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The contact stages to read (HubSpot lifecycle stage ids, custom ones included); null for the CRM's standard stages.</summary>
    public IReadOnlyList<string>? ContactStages { get; init; }

    /// <summary>The deal (opportunity) pipeline stages to read, as <c>pipelineId:stageId</c> or <c>stageId</c>; null for every stage of every pipeline, empty for none.</summary>
    public IReadOnlyList<string>? DealStages { get; init; }

    /// <summary>The activity kinds to read (HubSpot <c>calls</c>, <c>emails</c>, <c>meetings</c>, <c>communications</c>; Dataverse <c>phonecall</c>, <c>email</c>…); empty for none.</summary>
    public IReadOnlyList<string> ActivityKinds { get; init; } = [];

    /// <summary>Whether to read survey answers (HubSpot feedback submissions, Dataverse Customer Voice responses).</summary>
    /// <value>The default is true.</value>
    public bool Surveys { get; init; } = true;

    /// <summary>
    /// Whether to read the full stage history (HubSpot <c>propertiesWithHistory</c>, 50 records a request), which shows every
    /// re-entry and regression; without it, each stage gives its first entry and its latest exit.
    /// </summary>
    /// <value>The default is false.</value>
    public bool StageHistory { get; init; }

    /// <summary>
    /// The contacts' stage events already read with their demographics (a populate's contact batch reads), by contact id;
    /// contacts found here are not read again. Null reads every contact.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CrmJourneyEvent>>? ContactStageEvents { get; init; }
}
