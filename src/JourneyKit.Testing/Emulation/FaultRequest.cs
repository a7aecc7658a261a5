namespace JourneyKit.Testing.Emulation;

/// <summary>A request as an emulator's <see cref="FaultPlan"/> sees it, before it is answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The request path and query, URL-decoded, e.g. <c>/crm/v3/lists/11/memberships</c>.</param>
/// <param name="Endpoint">The endpoint it counts under, e.g. <c>GET /crm/v3/lists/{listId}/memberships</c> or <c>GET contacts</c>, as in the emulator's <c>RequestCounts</c>.</param>
/// <param name="Number">The request's 1-based number among all requests the emulator received.</param>
/// <param name="EndpointNumber">The request's 1-based number among the requests to its endpoint.</param>
public sealed record FaultRequest(string Method, string PathAndQuery, string Endpoint, long Number, long EndpointNumber);
