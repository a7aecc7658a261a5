namespace JourneyKit.Connectors.HubSpot.Models;

/// <summary>One entry of the <c>errors</c> of a batch answered 207: some inputs failed while the others were done.</summary>
/// <param name="Category">HubSpot's category, e.g. <c>OBJECT_NOT_FOUND</c>.</param>
/// <param name="Message">What HubSpot said.</param>
/// <param name="Ids">The inputs it is about (its <c>id</c>, or the ids in its <c>context</c>); empty when HubSpot did not say.</param>
public sealed record HubSpotBatchError(string? Category, string? Message, IReadOnlyList<string> Ids);
