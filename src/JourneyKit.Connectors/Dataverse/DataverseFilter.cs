using System.Globalization;
using System.Text;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// Builds OData literals and filters from values that came from a CRM or a user. Every value that goes into a
/// <c>$filter</c> or an alternate key goes through <see cref="Quote"/>, so a quote in a name cannot break or change a query.
/// </summary>
public static class DataverseFilter
{
    /// <summary>Quotes a string as an OData literal, doubling single quotes: <c>O'Brien</c> → <c>'O''Brien'</c>.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The literal, with its quotes.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A key segment for an alternate key, URL-encoded for a path: <c>jk_key='a%2Fb'</c>.</summary>
    /// <param name="column">The key column, e.g. <c>jk_key</c>.</param>
    /// <param name="value">The raw key value.</param>
    /// <returns>The text between the parentheses of <c>entityset(...)</c>.</returns>
    public static string AlternateKey(string column, string value) => column + "=" + Uri.EscapeDataString(Quote(value));

    /// <summary>
    /// <c>Microsoft.Dynamics.CRM.In(PropertyName='p',PropertyValues=['a','b'])</c>, every value quoted.
    /// </summary>
    /// <param name="property">The column's logical name (for a lookup, its name without <c>_…_value</c>).</param>
    /// <param name="values">The values.</param>
    /// <returns>The filter expression.</returns>
    public static string In(string property, IEnumerable<string> values)
    {
        var sb = new StringBuilder("Microsoft.Dynamics.CRM.In(PropertyName=").Append(Quote(property)).Append(",PropertyValues=[");
        bool first = true;
        foreach (var value in values)
        {
            if (!first) sb.Append(',');
            sb.Append(Quote(value));
            first = false;
        }
        return sb.Append("])").ToString();
    }

    /// <summary>A comparison <c>column eq 'value'</c> with the value quoted.</summary>
    /// <param name="column">The column.</param>
    /// <param name="value">The raw value.</param>
    /// <returns>The filter expression.</returns>
    public static string Equal(string column, string value) => column + " eq " + Quote(value);

    /// <summary>A GUID as it appears unquoted in keys and filters.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The text.</returns>
    public static string Guid(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
