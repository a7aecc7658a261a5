using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>One page of a Web API query.</summary>
/// <param name="Rows">The rows of the page; columns that are null may be absent.</param>
/// <param name="NextLink">The <c>@odata.nextLink</c> of the next page (to be followed unmodified), or null on the last page.</param>
public sealed record DataversePage(IReadOnlyList<JObject> Rows, Uri? NextLink);
