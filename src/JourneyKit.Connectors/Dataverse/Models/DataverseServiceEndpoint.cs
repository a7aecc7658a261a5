namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A service endpoint (<c>serviceendpoints</c>); for a webhook: contract 8, auth type 4 (WebhookKey), message format 2 (JSON).</summary>
public sealed record DataverseServiceEndpoint
{
    /// <summary>The id; null for one still to create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The URL Dataverse posts to.</summary>
    public string? Url { get; init; }

    /// <summary>The contract: 8 is a webhook.</summary>
    public int? Contract { get; init; }

    /// <summary>The auth type: 4 is WebhookKey (sent as <c>?code=</c>).</summary>
    public int? AuthType { get; init; }

    /// <summary>The message format: 2 is JSON.</summary>
    public int? MessageFormat { get; init; }

    /// <summary>The user claim: 1 is none.</summary>
    public int? UserClaim { get; init; }

    /// <summary>The key (write only: Dataverse never returns it).</summary>
    public string? AuthValue { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"DataverseServiceEndpoint {{ Name = {Name}, Url = {Url}, AuthValue = {(AuthValue is null ? "" : "***")} }}";
}
