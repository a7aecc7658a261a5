using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>A deal (opportunity) and the contacts that sit on it: its buying committee.</summary>
public sealed record CrmDealCommittee
{
    /// <summary>The CRM it was read from.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>The deal's id.</summary>
    public required string DealId { get; init; }

    /// <summary>Where the deal ended.</summary>
    public required CrmDealOutcome Outcome { get; init; }

    /// <summary>When it closed, if it did.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>
    /// Whether the CRM says a committee buys (Dataverse <c>purchaseprocess</c> Committee = true, Individual = false); null when
    /// it does not say (HubSpot, Dataverse Unknown).
    /// </summary>
    public bool? IsCommittee { get; init; }

    /// <summary>The contacts on the deal, each once, with their roles.</summary>
    public required IReadOnlyList<CrmCommitteeMember> Members { get; init; }
}
