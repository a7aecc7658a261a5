using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// Parses the part of OData <c>$filter</c> the emulator supports — comparisons (eq ne gt ge lt le), and/or/not,
/// parentheses, contains/startswith/endswith, <c>Microsoft.Dynamics.CRM.In</c> — into a row predicate.
/// Anything else is a 400 naming the construct.
/// </summary>
internal sealed class DvFilter
{
    private readonly List<string> _tokens;
    private readonly DvEntitySet _set;
    private int _pos;

    private DvFilter(string text, DvEntitySet set)
    {
        _tokens = Tokenize(text);
        _set = set;
    }

    public static Func<JObject, bool> Parse(string text, DvEntitySet set)
    {
        var parser = new DvFilter(text, set);
        var predicate = parser.ParseOr();
        if (parser._pos < parser._tokens.Count) throw DvQueryException.BadRequest($"Syntax error in $filter at '{parser._tokens[parser._pos]}'.");
        return predicate;
    }

    private string? Peek => _pos < _tokens.Count ? _tokens[_pos] : null;

    private string Next() => _pos < _tokens.Count ? _tokens[_pos++] : throw DvQueryException.BadRequest("Syntax error: $filter ends too early.");

    private void Expect(string token)
    {
        var t = Next();
        if (t != token) throw DvQueryException.BadRequest($"Syntax error in $filter: expected '{token}' but found '{t}'.");
    }

    private Func<JObject, bool> ParseOr() => ParseChain("or", ParseAnd, (l, r) => row => l(row) || r(row));

    private Func<JObject, bool> ParseAnd() => ParseChain("and", ParseUnary, (l, r) => row => l(row) && r(row));

    /// <summary>Operands joined by one left-associative operator, <c>a op b op c</c>.</summary>
    private Func<JObject, bool> ParseChain(string op, Func<Func<JObject, bool>> operand, Func<Func<JObject, bool>, Func<JObject, bool>, Func<JObject, bool>> join)
    {
        var left = operand();
        while (Peek == op)
        {
            _pos++;
            left = join(left, operand());
        }
        return left;
    }

    private Func<JObject, bool> ParseUnary()
    {
        if (Peek == "not")
        {
            _pos++;
            var inner = ParseUnary();
            return row => !inner(row);
        }
        if (Peek == "(")
        {
            _pos++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        var first = Next();
        if (Peek == "(") return ParseFunction(first);
        var op = Next();
        var second = Next();
        var column = Column(first);
        var literal = Literal(second);
        Func<int?, bool> test = op switch
        {
            "eq" => c => c == 0,
            "ne" => c => c != 0,
            "gt" => c => c > 0,
            "ge" => c => c >= 0,
            "lt" => c => c < 0,
            "le" => c => c <= 0,
            _ => throw DvQueryException.BadRequest($"The $filter operator '{op}' is not supported by the emulator."),
        };
        return row => test(DvValues.Compare(row[column], literal));
    }

    private Func<JObject, bool> ParseFunction(string name)
    {
        Expect("(");
        switch (name)
        {
            case "contains":
            case "startswith":
            case "endswith":
            {
                var column = Column(Next());
                Expect(",");
                var value = Literal(Next()).ToString();
                Expect(")");
                return row =>
                {
                    var text = row[column]?.ToString();
                    if (text is null) return false;
                    return name switch
                    {
                        "contains" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
                        "startswith" => text.StartsWith(value, StringComparison.OrdinalIgnoreCase),
                        _ => text.EndsWith(value, StringComparison.OrdinalIgnoreCase),
                    };
                };
            }
            case "Microsoft.Dynamics.CRM.In":
            case "Microsoft.Dynamics.CRM.NotIn":
            {
                string? property = null;
                var values = new List<JToken>();
                while (Peek != ")")
                {
                    var argName = Next();
                    Expect("=");
                    if (argName == "PropertyName") property = Column(Literal(Next()).ToString());
                    else if (argName == "PropertyValues")
                    {
                        Expect("[");
                        while (Peek != "]")
                        {
                            values.Add(Literal(Next()));
                            if (Peek == ",") _pos++;
                        }
                        Expect("]");
                    }
                    else throw DvQueryException.BadRequest($"Unknown parameter '{argName}' of {name}.");
                    if (Peek == ",") _pos++;
                }
                Expect(")");
                if (property is null) throw DvQueryException.BadRequest($"{name} needs PropertyName.");
                bool negate = name.EndsWith("NotIn", StringComparison.Ordinal);
                var col = property;
                // Ids and plain text through a set: a long In filter over a large table is then one lookup a row, not one
                // comparison (and GUID parse) per value. Other literals keep the general comparison.
                if (values.Count > 0 && values.All(v => v.Type == JTokenType.String && Guid.TryParse((string?)v, out _)))
                {
                    var ids = values.Select(v => Guid.Parse((string)v!)).ToHashSet();
                    return row => (row[col] switch
                    {
                        JValue { Type: JTokenType.Guid } g => ids.Contains((Guid)g),
                        JValue { Type: JTokenType.String } t when Guid.TryParse((string?)t, out var id) => ids.Contains(id),
                        var other => values.Any(v => DvValues.Compare(other, v) == 0),
                    }) != negate;
                }
                if (values.Count > 0 && values.All(v => v.Type == JTokenType.String))
                {
                    var texts = values.Select(v => (string)v!).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    return row => (row[col] is JValue { Type: JTokenType.String } t ? texts.Contains((string)t!) : values.Any(v => DvValues.Compare(row[col], v) == 0)) != negate;
                }
                return row => values.Any(v => DvValues.Compare(row[col], v) == 0) != negate;
            }
            default:
                throw DvQueryException.BadRequest($"The $filter function '{name}' is not supported by the emulator.");
        }
    }

    private string Column(string name)
    {
        var column = _set.FindColumn(name) ?? throw DvQueryException.BadRequest($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{_set.LogicalName}'.");
        return column.Name;
    }

    private static JToken Literal(string token)
    {
        if (token.Length >= 2 && token[0] == '\'' && token[^1] == '\'') return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        if (token == "null") return JValue.CreateNull();
        if (token == "true") return true;
        if (token == "false") return false;
        if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
        if (Guid.TryParse(token, out var g)) return g.ToString("D");
        if (DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)) return token;
        throw DvQueryException.BadRequest($"Unrecognized literal '{token}' in $filter (strings need single quotes, with '' for a quote inside).");
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')' or ',' or '=' or '[' or ']') { tokens.Add(c.ToString()); i++; continue; }
            if (c == '\'')
            {
                var sb = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length) throw DvQueryException.BadRequest("Unterminated string literal in $filter.");
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'') { sb.Append("''"); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(text[i++]);
                }
                tokens.Add(sb.Append('\'').ToString());
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '=' or '[' or ']' or '\'')) i++;
            if (i == start) throw DvQueryException.BadRequest($"Unexpected character '{c}' in $filter.");
            tokens.Add(text[start..i]);
        }
        return tokens;
    }
}
