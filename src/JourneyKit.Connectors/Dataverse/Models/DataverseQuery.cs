using System.Globalization;

namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>
/// A Web API query, typed: the resource (an entity set, or a record's collection-valued navigation property such as
/// <c>lists(id)/listcontact_association</c>) with <c>$select</c>, <c>$filter</c>, <c>$orderby</c>, <c>$top</c> and
/// <c>$expand</c>. Pages are asked for with <c>Prefer: odata.maxpagesize</c> and followed through <c>@odata.nextLink</c>
/// (<c>$skip</c> does not exist in Dataverse).
/// </summary>
/// <param name="Resource">The entity set or navigation path relative to the API root, e.g. <c>contacts</c>.</param>
public sealed record DataverseQuery(string Resource)
{
    /// <summary>The columns to return; empty for all (slow: always name them).</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>The <c>$filter</c> expression (values quoted with <see cref="DataverseFilter"/>), or null.</summary>
    public string? Filter { get; init; }

    /// <summary>The <c>$orderby</c> clauses, e.g. <c>modifiedon desc</c>; empty for Dataverse's order.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>At most this many rows in all, or null. Dataverse does not combine <c>$top</c> with paging.</summary>
    public int? Top { get; init; }

    /// <summary>The navigation properties to expand.</summary>
    public IReadOnlyList<DataverseExpand> Expand { get; init; } = [];

    /// <summary>Rows per page (at most 5,000), or null for the client's <see cref="DataverseClient.PageSize"/>.</summary>
    public int? MaxPageSize { get; init; }

    /// <summary>Whether to ask for formatted values (<c>col@OData.Community.Display.V1.FormattedValue</c>: option-set labels, money, lookup names).</summary>
    public bool FormattedValues { get; init; }

    /// <summary>A query for the rows of a record's collection-valued navigation property, e.g. <c>lists(id)/listcontact_association</c>.</summary>
    /// <param name="entitySet">The record's entity set.</param>
    /// <param name="id">The record's id.</param>
    /// <param name="navigationProperty">The collection-valued navigation property.</param>
    /// <returns>The query, with no options yet.</returns>
    public static DataverseQuery Related(string entitySet, Guid id, string navigationProperty)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentException.ThrowIfNullOrWhiteSpace(navigationProperty);
        return new DataverseQuery($"{entitySet}({DataverseFilter.Guid(id)})/{navigationProperty}");
    }

    /// <summary>The path and query text relative to the API root, e.g. <c>contacts?$select=fullname&amp;$filter=…</c>; filter and order text URL-encoded.</summary>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentException">The resource is empty, or <see cref="Top"/> or <see cref="MaxPageSize"/> is out of range.</exception>
    public string ToPathAndQuery()
    {
        if (string.IsNullOrWhiteSpace(Resource)) throw new ArgumentException("DataverseQuery.Resource must name an entity set, e.g. contacts.", nameof(Resource));
        if (Top is < 0) throw new ArgumentException($"DataverseQuery.Top must not be negative; it is {Top}.", nameof(Top));
        if (MaxPageSize is < 1 or > 5000) throw new ArgumentException($"DataverseQuery.MaxPageSize must be between 1 and 5000; it is {MaxPageSize}.", nameof(MaxPageSize));
        var options = new List<string>();
        if (Select.Count > 0) options.Add("$select=" + string.Join(',', Select));
        if (Filter is { Length: > 0 } filter) options.Add("$filter=" + Uri.EscapeDataString(filter));
        if (OrderBy.Count > 0) options.Add("$orderby=" + Uri.EscapeDataString(string.Join(',', OrderBy)));
        if (Top is { } top) options.Add("$top=" + top.ToString(CultureInfo.InvariantCulture));
        if (Expand.Count > 0) options.Add("$expand=" + string.Join(',', Expand.Select(e => e.ToQueryText())));
        var resource = Resource.TrimStart('/');
        return options.Count == 0 ? resource : resource + "?" + string.Join('&', options);
    }
}
