using System.Globalization;
using System.Text;

namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>
/// One <c>$expand</c> of a query: a single-valued navigation property (a lookup, e.g. <c>parentcustomerid_account</c>)
/// or a collection-valued one (e.g. <c>Opportunity_OpportunityClose</c>), with the options Dataverse allows inside it.
/// A collection-valued expand on an entity set returns one level of related rows inline; Dataverse also annotates each
/// expanded collection with an <c>@odata.nextLink</c> that is not a continuation and is not followed.
/// </summary>
/// <param name="NavigationProperty">The navigation property's name, as in the entity's metadata.</param>
public sealed record DataverseExpand(string NavigationProperty)
{
    /// <summary>The columns of the related rows; empty for all.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>For a collection: a <c>$filter</c> on the related rows (values quoted with <see cref="DataverseFilter"/>), or null.</summary>
    public string? Filter { get; init; }

    /// <summary>For a collection: the <c>$orderby</c> of the related rows, e.g. <c>createdon desc</c>; empty for none.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>For a collection: at most this many related rows, or null.</summary>
    public int? Top { get; init; }

    /// <summary>The expand item as it goes into the query, e.g. <c>nav($select=a,b;$filter=…)</c>, with filter text URL-encoded.</summary>
    /// <returns>The text.</returns>
    public string ToQueryText()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(NavigationProperty);
        var options = new List<string>();
        if (Select.Count > 0) options.Add("$select=" + string.Join(',', Select));
        if (Filter is { Length: > 0 } filter) options.Add("$filter=" + Uri.EscapeDataString(filter));
        if (OrderBy.Count > 0) options.Add("$orderby=" + Uri.EscapeDataString(string.Join(',', OrderBy)));
        if (Top is { } top) options.Add("$top=" + top.ToString(CultureInfo.InvariantCulture));
        var sb = new StringBuilder(NavigationProperty);
        if (options.Count > 0) sb.Append('(').AppendJoin(';', options).Append(')');
        return sb.ToString();
    }
}
