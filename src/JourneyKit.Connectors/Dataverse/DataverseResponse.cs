using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>The answer to one Web API request sent with <see cref="DataverseClient.ExecuteAsync"/>.</summary>
/// <param name="StatusCode">The HTTP status (2xx: failures throw <see cref="DataverseException"/>).</param>
/// <param name="Body">The JSON body, or null when there was none (204).</param>
/// <param name="EntityId">The <c>OData-EntityId</c> header: the URL of the created or updated record or metadata object.</param>
/// <param name="RequestId">The <c>REQ_ID</c> header.</param>
public sealed record DataverseResponse(int StatusCode, JObject? Body, Uri? EntityId, string? RequestId)
{
    /// <summary>The GUID in <see cref="EntityId"/> (<c>…/EntityDefinitions(guid)</c>), or null.</summary>
    public Guid? EntityGuid
    {
        get
        {
            var text = EntityId?.AbsolutePath;
            if (text is null) return null;
            int open = text.LastIndexOf('(');
            int close = text.LastIndexOf(')');
            return open >= 0 && close > open && Guid.TryParse(text[(open + 1)..close], out var id) ? id : null;
        }
    }
}
