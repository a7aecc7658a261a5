using System.Globalization;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>Compares row values with query literals the way Dataverse does (numbers numerically, text case-insensitively).</summary>
internal static class DvValues
{
    public static int? Compare(JToken? left, JToken? right)
    {
        bool leftNull = left is null || left.Type == JTokenType.Null;
        bool rightNull = right is null || right.Type == JTokenType.Null;
        if (leftNull || rightNull) return leftNull && rightNull ? 0 : null;
        if (TryNumber(left!, out var a) && TryNumber(right!, out var b)) return a.CompareTo(b);
        if (left!.Type == JTokenType.Boolean || right!.Type == JTokenType.Boolean)
        {
            return TryBool(left, out var x) && TryBool(right!, out var y) ? x.CompareTo(y) : null;
        }
        var ls = Text(left);
        var rs = Text(right);
        if (Guid.TryParse(ls, out var g1) && Guid.TryParse(rs, out var g2)) return g1.CompareTo(g2);
        return string.Compare(ls, rs, StringComparison.OrdinalIgnoreCase);
    }

    public static string Text(JToken token) => token.Type switch
    {
        JTokenType.Guid => ((Guid)token).ToString("D"),
        JTokenType.Date => ((DateTime)token).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    private static bool TryNumber(JToken token, out decimal value)
    {
        value = 0;
        if (token.Type is JTokenType.Integer or JTokenType.Float)
        {
            value = token.Value<decimal>();
            return true;
        }
        return false;
    }

    private static bool TryBool(JToken token, out bool value)
    {
        value = false;
        if (token.Type == JTokenType.Boolean) { value = (bool)token; return true; }
        return bool.TryParse(token.ToString(), out value);
    }

    /// <summary>Turns query text (FetchXML value) into a token typed after the column.</summary>
    public static JToken Typed(DvColumn column, string text) => column.Kind switch
    {
        DvColumnKind.Integer or DvColumnKind.OptionSet when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        DvColumnKind.Money or DvColumnKind.Decimal when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        DvColumnKind.Boolean => text is "1" or "true" or "True",
        _ => text,
    };
}
