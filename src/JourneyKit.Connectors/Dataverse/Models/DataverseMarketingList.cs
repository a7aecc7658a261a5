namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A marketing list (<c>list</c>), as <see cref="Clients.DataverseListsClient.GetAsync"/> reads it.</summary>
public sealed record DataverseMarketingList
{
    /// <summary>The list id (<c>listid</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>The list name (<c>listname</c>), or null when Dataverse gave none.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the list is dynamic (<c>type</c> true): its members are what its FetchXML <see cref="Query"/> returns.</summary>
    public bool IsDynamic { get; init; }

    /// <summary>The type of the listed records (<c>createdfromcode</c>): 1 account, 2 contact, 4 lead; null when absent.</summary>
    public int? MemberType { get; init; }

    /// <summary>The label of <see cref="MemberType"/>, when Dataverse gave it.</summary>
    public string? MemberTypeLabel { get; init; }

    /// <summary>The number of members Dataverse keeps for a static list (<c>membercount</c>).</summary>
    public int? MemberCount { get; init; }

    /// <summary>A dynamic list's FetchXML (<c>query</c>).</summary>
    public string? Query { get; init; }

    /// <summary>The list row's version (its <c>@odata.etag</c>), which moves when the row changes, members added or removed included.</summary>
    /// <value>The default is null: not read.</value>
    public string? RowVersion { get; init; }

    /// <summary>The list's name, or its id when it has none.</summary>
    public string DisplayName => Name ?? Id.ToString("D");
}
