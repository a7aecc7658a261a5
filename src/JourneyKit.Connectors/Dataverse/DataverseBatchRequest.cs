using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>One request inside a <c>$batch</c>.</summary>
/// <param name="Method">GET, POST, PATCH or DELETE.</param>
/// <param name="Url">The URL relative to the Web API root, e.g. <c>contacts(00000000-…)</c>, with keys already escaped.</param>
/// <param name="Body">The JSON body, or null.</param>
public sealed record DataverseBatchRequest(string Method, string Url, JObject? Body = null)
{
    /// <summary>Extra headers, e.g. <c>If-Match: *</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The Content-ID inside a changeset; numbered from 1 when null.</summary>
    public string? ContentId { get; init; }

    /// <summary>An update of an existing record: <c>PATCH entityset(id)</c> with <c>If-Match: *</c> (a deleted record fails instead of being re-created).</summary>
    /// <param name="entitySet">The entity set, e.g. <c>contacts</c>.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="changes">The columns to set, with <c>nav@odata.bind</c> for lookups.</param>
    /// <returns>The request.</returns>
    public static DataverseBatchRequest Update(string entitySet, Guid id, JObject changes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(changes);
        return new DataverseBatchRequest("PATCH", $"{entitySet}({DataverseFilter.Guid(id)})", changes) { Headers = new Dictionary<string, string> { ["If-Match"] = "*" } };
    }

    /// <summary>An upsert by alternate key: <c>PATCH entityset(key='value')</c>, the value quoted and escaped.</summary>
    /// <param name="entitySet">The entity set, e.g. <c>jk_personas</c>.</param>
    /// <param name="keyColumn">The alternate key's column, e.g. <c>jk_key</c>.</param>
    /// <param name="keyValue">The raw key value.</param>
    /// <param name="record">The columns.</param>
    /// <returns>The request.</returns>
    public static DataverseBatchRequest Upsert(string entitySet, string keyColumn, string keyValue, JObject record)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyColumn);
        ArgumentNullException.ThrowIfNull(keyValue);
        ArgumentNullException.ThrowIfNull(record);
        return new DataverseBatchRequest("PATCH", $"{entitySet}({DataverseFilter.AlternateKey(keyColumn, keyValue)})", record);
    }
}
