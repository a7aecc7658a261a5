namespace JourneyKit.Testing.HubSpot;

/// <summary>A request as the emulator's fault injector sees it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, e.g. <c>/crm/v3/lists/11/memberships</c>.</param>
/// <param name="Endpoint">The endpoint, e.g. <c>GET /crm/v3/lists/{listId}/memberships</c>, as counted in <see cref="HubSpotEmulator.RequestCounts"/>.</param>
/// <param name="Number">The request's 1-based number among all authenticated requests.</param>
/// <param name="EndpointNumber">The request's 1-based number among the requests to its endpoint.</param>
public sealed record HubSpotRequestInfo(string Method, string Path, string Endpoint, long Number, long EndpointNumber);
