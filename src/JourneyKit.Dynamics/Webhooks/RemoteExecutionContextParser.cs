using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Reads the JSON body Dataverse posts to a webhook into a <see cref="RemoteExecutionContext"/>.
/// Dataverse serialises the SDK's data contracts: collections are arrays of <c>{"key","value"}</c>, typed values
/// carry a <c>__type</c> such as <c>"Entity:http://schemas.microsoft.com/xrm/2011/Contracts"</c>, and dates are
/// <c>"\/Date(ms)\/"</c>. Any problem is reported as a <see cref="WebhookPayloadException"/> naming the JSON path.
/// </summary>
public static class RemoteExecutionContextParser
{
    private const int MaxDepth = 64;

    /// <summary>Parses a webhook body.</summary>
    /// <param name="json">The request body.</param>
    /// <returns>The execution context.</returns>
    /// <exception cref="WebhookPayloadException">The body is not valid JSON or not a RemoteExecutionContext.</exception>
    public static RemoteExecutionContext Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var reader = new StringReader(json);
        return Parse(reader);
    }

    /// <summary>Parses a webhook body from a reader.</summary>
    /// <param name="reader">The request body.</param>
    /// <returns>The execution context.</returns>
    /// <exception cref="WebhookPayloadException">The body is not valid JSON or not a RemoteExecutionContext.</exception>
    public static RemoteExecutionContext Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        JToken root;
        try
        {
            using var json = new JsonTextReader(reader)
            {
                // Dates stay strings so that "\/Date(…)\/" is read here, with its offset, and nothing else is guessed.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = MaxDepth,
            };
            root = JToken.ReadFrom(json);
            if (json.Read()) throw new WebhookPayloadException("$", "unexpected content after the JSON object.");
        }
        catch (JsonReaderException ex)
        {
            string path = string.IsNullOrEmpty(ex.Path) ? "$" : "$." + ex.Path;
            throw new WebhookPayloadException(path, $"malformed JSON at line {ex.LineNumber}, position {ex.LinePosition}.", ex);
        }
        return ReadContext(root, "$");
    }

    private static RemoteExecutionContext ReadContext(JToken token, string path)
    {
        if (token is not JObject obj) throw new WebhookPayloadException(path, $"expected a RemoteExecutionContext object, found {Kind(token)}.");
        var parent = obj["ParentContext"];
        return new RemoteExecutionContext
        {
            MessageName = RequiredString(obj, "MessageName", path),
            PrimaryEntityName = RequiredString(obj, "PrimaryEntityName", path),
            PrimaryEntityId = RequiredGuid(obj, "PrimaryEntityId", path),
            Depth = RequiredInt(obj, "Depth", path),
            SecondaryEntityName = OptionalString(obj, "SecondaryEntityName", path),
            Stage = OptionalInt(obj, "Stage", path) ?? 0,
            Mode = OptionalInt(obj, "Mode", path) ?? 0,
            UserId = OptionalGuid(obj, "UserId", path) ?? Guid.Empty,
            InitiatingUserId = OptionalGuid(obj, "InitiatingUserId", path) ?? Guid.Empty,
            OrganizationId = OptionalGuid(obj, "OrganizationId", path) ?? Guid.Empty,
            OrganizationName = OptionalString(obj, "OrganizationName", path),
            BusinessUnitId = OptionalGuid(obj, "BusinessUnitId", path) ?? Guid.Empty,
            CorrelationId = OptionalGuid(obj, "CorrelationId", path) ?? Guid.Empty,
            OperationId = OptionalGuid(obj, "OperationId", path) ?? Guid.Empty,
            RequestId = OptionalGuid(obj, "RequestId", path),
            OperationCreatedOn = OptionalDate(obj, "OperationCreatedOn", path),
            InputParameters = ReadValues(obj["InputParameters"], path + ".InputParameters"),
            OutputParameters = ReadValues(obj["OutputParameters"], path + ".OutputParameters"),
            SharedVariables = ReadValues(obj["SharedVariables"], path + ".SharedVariables"),
            PreEntityImages = ReadImages(obj["PreEntityImages"], path + ".PreEntityImages"),
            PostEntityImages = ReadImages(obj["PostEntityImages"], path + ".PostEntityImages"),
            ParentContext = parent is null || parent.Type == JTokenType.Null ? null : ReadContext(parent, path + ".ParentContext"),
        };
    }

    private static Dictionary<string, object?> ReadValues(JToken? token, string path, StringComparer? comparer = null)
    {
        var result = new Dictionary<string, object?>(comparer ?? StringComparer.Ordinal);
        foreach (var (key, value, itemPath) in KeyValues(token, path))
        {
            result[key] = ReadValue(value, itemPath + ".value");
        }
        return result;
    }

    private static Dictionary<string, WebhookEntity> ReadImages(JToken? token, string path)
    {
        var result = new Dictionary<string, WebhookEntity>(StringComparer.Ordinal);
        foreach (var (key, value, itemPath) in KeyValues(token, path))
        {
            if (value is null || value.Type == JTokenType.Null) continue;
            result[key] = ReadEntity(value, itemPath + ".value");
        }
        return result;
    }

    /// <summary>Walks a <c>[{"key":…,"value":…}]</c> array, checking its shape and that keys are distinct.</summary>
    private static IEnumerable<(string Key, JToken? Value, string Path)> KeyValues(JToken? token, string path)
    {
        if (token is null || token.Type == JTokenType.Null) yield break;
        if (token is not JArray array) throw new WebhookPayloadException(path, $"expected an array of {{\"key\",\"value\"}} pairs, found {Kind(token)}.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < array.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            if (array[i] is not JObject pair) throw new WebhookPayloadException(itemPath, $"expected a {{\"key\",\"value\"}} pair, found {Kind(array[i])}.");
            string key = RequiredString(pair, "key", itemPath);
            if (!seen.Add(key)) throw new WebhookPayloadException(itemPath + ".key", $"the key '{key}' appears twice.");
            yield return (key, pair["value"], itemPath);
        }
    }

    private static object? ReadValue(JToken? token, string path)
    {
        if (token is null) return null;
        switch (token.Type)
        {
            case JTokenType.Null:
            case JTokenType.Undefined:
                return null;
            case JTokenType.String:
                string text = (string)token!;
                if (!DataverseJsonDate.LooksLikeDate(text)) return text;
                return DataverseJsonDate.TryParse(text, out var date)
                    ? date
                    : throw new WebhookPayloadException(path, $"'{Shorten(text)}' is not a valid /Date(milliseconds[+hhmm])/ value.");
            case JTokenType.Integer:
                return ((JValue)token).Value is long l ? l
                    : throw new WebhookPayloadException(path, "the number is too large for a whole-number attribute.");
            case JTokenType.Float:
                return ((JValue)token).Value switch
                {
                    decimal d => d,
                    double db => (decimal)db,
                    _ => throw new WebhookPayloadException(path, "unreadable number."),
                };
            case JTokenType.Boolean:
                return (bool)token;
            case JTokenType.Array:
                var list = new List<object?>();
                var array = (JArray)token;
                for (int i = 0; i < array.Count; i++) list.Add(ReadValue(array[i], $"{path}[{i}]"));
                return list;
            case JTokenType.Object:
                return ReadTyped((JObject)token, path);
            default:
                throw new WebhookPayloadException(path, $"unexpected {Kind(token)}.");
        }
    }

    private static object ReadTyped(JObject obj, string path)
    {
        string? type = OptionalString(obj, "__type", path);
        string name = type is null ? string.Empty : type.Split(':', 2)[0];
        return name switch
        {
            "Entity" => ReadEntity(obj, path),
            "EntityReference" => new WebhookEntityReference(
                RequiredString(obj, "LogicalName", path), RequiredGuid(obj, "Id", path), OptionalString(obj, "Name", path)),
            "OptionSetValue" => new WebhookOptionSetValue(RequiredInt(obj, "Value", path)),
            "Money" => new WebhookMoney(RequiredDecimal(obj, "Value", path)),
            // EntityCollection, OptionSetValueCollection, AliasedValue…: kept as JSON; JourneyKit does not need them.
            _ => obj.DeepClone(),
        };
    }

    private static WebhookEntity ReadEntity(JToken token, string path)
    {
        if (token is not JObject obj) throw new WebhookPayloadException(path, $"expected an Entity object, found {Kind(token)}.");
        string? type = OptionalString(obj, "__type", path);
        if (type is not null && !type.StartsWith("Entity:", StringComparison.Ordinal))
            throw new WebhookPayloadException(path + ".__type", $"expected an Entity, found '{Shorten(type)}'.");
        var formatted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value, itemPath) in KeyValues(obj["FormattedValues"], path + ".FormattedValues"))
        {
            if (value is null || value.Type == JTokenType.Null) continue;
            if (value.Type != JTokenType.String) throw new WebhookPayloadException(itemPath + ".value", $"expected text, found {Kind(value)}.");
            formatted[key] = (string)value!;
        }
        return new WebhookEntity
        {
            LogicalName = RequiredString(obj, "LogicalName", path),
            Id = OptionalGuid(obj, "Id", path) ?? Guid.Empty,
            Attributes = ReadValues(obj["Attributes"], path + ".Attributes", StringComparer.OrdinalIgnoreCase),
            FormattedValues = formatted,
        };
    }

    private static string RequiredString(JObject obj, string name, string path) =>
        OptionalString(obj, name, path) ?? throw new WebhookPayloadException($"{path}.{name}", "required text is missing.");

    private static string? OptionalString(JObject obj, string name, string path)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null) return null;
        if (token.Type != JTokenType.String) throw new WebhookPayloadException($"{path}.{name}", $"expected text, found {Kind(token)}.");
        return (string)token!;
    }

    private static Guid RequiredGuid(JObject obj, string name, string path) =>
        OptionalGuid(obj, name, path) ?? throw new WebhookPayloadException($"{path}.{name}", "a required id is missing.");

    private static Guid? OptionalGuid(JObject obj, string name, string path)
    {
        string? text = OptionalString(obj, name, path);
        if (text is null) return null;
        return Guid.TryParse(text, out var id) ? id : throw new WebhookPayloadException($"{path}.{name}", $"'{Shorten(text)}' is not a GUID.");
    }

    private static int RequiredInt(JObject obj, string name, string path) =>
        OptionalInt(obj, name, path) ?? throw new WebhookPayloadException($"{path}.{name}", "a required whole number is missing.");

    private static int? OptionalInt(JObject obj, string name, string path)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null) return null;
        if (token.Type != JTokenType.Integer || ((JValue)token).Value is not long value || value is < int.MinValue or > int.MaxValue)
            throw new WebhookPayloadException($"{path}.{name}", $"expected a whole number, found {Kind(token)}.");
        return (int)value;
    }

    private static decimal RequiredDecimal(JObject obj, string name, string path)
    {
        var token = obj[name];
        object? value = token is JValue v ? v.Value : null;
        return value switch
        {
            long l => l,
            decimal d => d,
            _ => throw new WebhookPayloadException($"{path}.{name}", token is null ? "a required number is missing." : $"expected a number, found {Kind(token)}."),
        };
    }

    private static DateTimeOffset? OptionalDate(JObject obj, string name, string path)
    {
        string? text = OptionalString(obj, name, path);
        if (text is null) return null;
        if (DataverseJsonDate.TryParse(text, out var date)) return date;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)) return date;
        throw new WebhookPayloadException($"{path}.{name}", $"'{Shorten(text)}' is not a date.");
    }

    private static string Kind(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => "text",
        JTokenType.Integer => "a whole number",
        JTokenType.Float => "a decimal number",
        JTokenType.Boolean => "true/false",
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    // Payload text goes into messages and logs: keep it short.
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
