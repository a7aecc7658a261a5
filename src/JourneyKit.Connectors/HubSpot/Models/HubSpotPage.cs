namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>One page of a HubSpot collection.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Results">The items.</param>
/// <param name="NextAfter">The opaque cursor of the next page (<c>paging.next.after</c>), or null on the last page.</param>
/// <param name="Total">The total count, when HubSpot says (search).</param>
public sealed record HubSpotPage<T>(IReadOnlyList<T> Results, string? NextAfter, int? Total);
