using Newtonsoft.Json;

namespace JourneyKit.Connectors.HubSpot;

// HubSpot's envelopes, as they come over the wire; the sub-clients turn them into the public models.

internal sealed record WirePage<T>
{
    public IReadOnlyList<T> Results { get; init; } = [];

    public WirePaging? Paging { get; init; }

    public int? Total { get; init; }
}

internal sealed record WirePaging(WireNext? Next);

internal sealed record WireNext(string? After);

internal sealed record WireListEnvelope(WireList? List);

internal sealed record WireList
{
    public string? ListId { get; init; }

    public string? Name { get; init; }

    public string? ProcessingType { get; init; }

    public string? ProcessingStatus { get; init; }

    public string? ObjectTypeId { get; init; }

    public int? Size { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public Dictionary<string, string?>? AdditionalProperties { get; init; }
}

internal sealed record WireAssociationResult(WireId? From, IReadOnlyList<WireAssociationTarget>? To);

internal sealed record WireId(string? Id);

internal sealed record WireAssociationTarget(string? ToObjectId);

internal sealed record WireResults<T>(IReadOnlyList<T>? Results);

internal sealed record WireBatchResults<T>
{
    public IReadOnlyList<T>? Results { get; init; }

    public IReadOnlyList<WireBatchError>? Errors { get; init; }
}

internal sealed record WireBatchError
{
    public string? Status { get; init; }

    public string? Category { get; init; }

    public string? Message { get; init; }

    public string? Id { get; init; }

    /// <summary>HubSpot's context: names to lists of values (e.g. <c>ids</c>); read leniently, since its shape is loosely documented.</summary>
    public Newtonsoft.Json.Linq.JObject? Context { get; init; }
}

internal sealed record WireError
{
    public string? Status { get; init; }

    public string? Message { get; init; }

    public string? Category { get; init; }

    public string? SubCategory { get; init; }

    public string? CorrelationId { get; init; }

    public string? ErrorType { get; init; }

    public string? PolicyName { get; init; }

    public string? RequestId { get; init; }

    public IReadOnlyList<WireErrorDetail>? Errors { get; init; }
}

internal sealed record WireErrorDetail(string? Message, string? Code, string? In);

internal sealed record WireToken
{
    [JsonProperty("access_token")]
    public string? AccessToken { get; init; }

    [JsonProperty("expires_in")]
    public long? ExpiresIn { get; init; }

    [JsonProperty("refresh_token")]
    public string? RefreshToken { get; init; }
}
