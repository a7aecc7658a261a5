using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>Writes column values into response rows, with Dataverse's formatted-value annotations when asked.</summary>
internal static class DvFormat
{
    public const string FormattedValue = "@OData.Community.Display.V1.FormattedValue";

    /// <summary>Writes a column; a null one is written as an explicit null when <paramref name="includeNull"/> (OData queries do), else left out (FetchXML does).</summary>
    public static void Put(DvStore store, JObject output, string name, DvColumn column, JToken? value, bool formatted, bool includeNull = false)
    {
        if (value is null || value.Type == JTokenType.Null)
        {
            if (includeNull) output[name] = JValue.CreateNull();
            return;
        }
        output[name] = value.DeepClone();
        if (!formatted) return;
        string? label = column.Kind switch
        {
            DvColumnKind.OptionSet => column.Options!.TryGetValue(value.Value<int>(), out var l) ? l : null,
            DvColumnKind.Money => DvEntitySet.Money(value.Value<decimal>()),
            DvColumnKind.Integer => value.Value<long>().ToString("N0", CultureInfo.GetCultureInfo("en-US")),
            DvColumnKind.Boolean => value.Value<bool>() ? "Yes" : "No",
            DvColumnKind.Lookup => LookupName(store, column, value),
            _ => null,
        };
        if (label is not null) output[name + FormattedValue] = label;
        if (column.Kind == DvColumnKind.Lookup && column.Target is not null && store.Tables.TryGetValue(column.Target, out var target))
        {
            output[name + "@Microsoft.Dynamics.CRM.lookuplogicalname"] = target.Schema.LogicalName;
        }
    }

    private static string? LookupName(DvStore store, DvColumn column, JToken value)
    {
        if (column.Target is null || !store.Tables.TryGetValue(column.Target, out var table) || table.Schema.PrimaryName is null) return null;
        return Guid.TryParse(value.ToString(), out var id) && table.ById.TryGetValue(id, out var row) ? (string?)row[table.Schema.PrimaryName] : null;
    }
}
