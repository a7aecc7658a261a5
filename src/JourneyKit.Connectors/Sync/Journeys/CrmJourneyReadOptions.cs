namespace JourneyKit.Connectors.Sync.Journeys;

/// <summary>The window and depth of a journey read.</summary>
public sealed record CrmJourneyReadOptions
{
    /// <summary>Only events at or after this instant; null for all history.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events before this instant; null for no bound.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Whether to read the full stage history (HubSpot <c>propertiesWithHistory</c>, 50 records a request).</summary>
    /// <value>The default is false.</value>
    public bool StageHistory { get; init; }
}
