namespace JourneyKit.Connectors.Abstractions;

/// <summary>Where a deal (opportunity) ended.</summary>
public enum CrmDealOutcome
{
    /// <summary>Still open.</summary>
    Open,

    /// <summary>Closed won.</summary>
    Won,

    /// <summary>Closed lost.</summary>
    Lost,
}
