using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using JourneyKit.IO;
using JourneyKit.Model;
using JourneyKit.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Serialization;

/// <summary>
/// Reads and writes journey maps as JSON: camelCase names, enums as camelCase strings, dates and durations in
/// ISO-8601, indented, <c>schemaVersion</c> first. Writing then reading then writing gives the same text.
/// </summary>
/// <remarks>
/// Reading fails with a <see cref="JourneyMapFormatException"/> listing every problem (path, line, position)
/// for malformed JSON, values of the wrong type, missing required properties, and a <c>schemaVersion</c> other
/// than <see cref="JourneyMap.CurrentSchemaVersion"/>. Unknown properties do not fail a read: they are ignored
/// (and so dropped on the next save); <see cref="MapValidator.ValidateJson(string, string?)"/> reports each as a warning.
/// Reading does not check the model's rules (duplicate ids, unknown stages, scores): use <see cref="MapValidator"/>.
/// </remarks>
public static partial class JourneyMapJson
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Load,
        CommentHandling = CommentHandling.Ignore,
    };

    /// <summary>
    /// A new copy of the settings the library writes maps with, for callers who serialize maps or parts of
    /// them (a persona, a touchpoint) themselves. Unknown properties are ignored when reading with them.
    /// </summary>
    public static JsonSerializerSettings Settings => CreateSettings(strictMembers: false);

    /// <summary>Writes a map as indented JSON text (with "\n" line ends on every platform).</summary>
    /// <param name="map">The map.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var text = new StringWriter(new StringBuilder(4096), CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            CreateSerializer().Serialize(writer, map, typeof(JourneyMap));
        }
        return text.ToString();
    }

    /// <summary>Reads a map from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where the text came from (a file name), named in error messages.</param>
    /// <returns>The map. Its model rules are not checked: see <see cref="MapValidator.Validate"/>.</returns>
    /// <exception cref="JourneyMapFormatException">The text is not a readable map; every problem is listed.</exception>
    public static JourneyMap Deserialize(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var outcome = Read(json);
        if (outcome.Map is null || outcome.Problems.Any(p => p.Severity == ValidationSeverity.Error))
            throw new JourneyMapFormatException(source, outcome.Problems);
        return outcome.Map;
    }

    /// <summary>Reads a map from a JSON file.</summary>
    /// <param name="path">The file's path; it is named in error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The map.</returns>
    /// <exception cref="JourneyMapFormatException">The file is not a readable map; every problem is listed.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static async Task<JourneyMap> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await Task.Run(() => Deserialize(stream, path), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a map from a stream of UTF-8 JSON (a byte-order mark is allowed) without holding the whole text in
    /// memory; wrap the stream to show progress on a large file.
    /// </summary>
    /// <param name="stream">The JSON; it is read to its end and not closed.</param>
    /// <param name="source">Where the text came from (a file name), named in error messages.</param>
    /// <returns>The map. Its model rules are not checked: see <see cref="MapValidator.Validate"/>.</returns>
    /// <exception cref="JourneyMapFormatException">The text is not a readable map; every problem is listed.</exception>
    public static JourneyMap Deserialize(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var outcome = Read(text);
        if (outcome.Map is null || outcome.Problems.Any(p => p.Severity == ValidationSeverity.Error))
            throw new JourneyMapFormatException(source, outcome.Problems);
        return outcome.Map;
    }

    /// <summary>Opens a file for a sequential read, as the loaders do.</summary>
    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);

    /// <summary>
    /// Writes a map to a JSON file atomically: the text goes to a temporary file next to it, which is flushed
    /// to disk and then moved over the target, so a crash leaves either the old file or the new one, never half.
    /// </summary>
    /// <param name="map">The map.</param>
    /// <param name="path">The file's path; its folder is created if missing.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then left as it was.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static async Task SaveAsync(JourneyMap map, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = Serialize(map) + "\n";
        await AtomicFile.WriteAsync(path, writer => writer.WriteAsync(text.AsMemory(), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a text, collecting every problem instead of stopping at the first.</summary>
    internal static JsonReadOutcome Read(string json)
    {
        using var text = new StringReader(json);
        return Read(text);
    }

    /// <summary>Reads a text from a reader (a file is never held whole as a string), collecting every problem.</summary>
    internal static JsonReadOutcome Read(TextReader text)
    {
        var problems = new List<ValidationProblem>();
        JToken root;
        try
        {
            using var reader = new NoMissingValuesReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double, MaxDepth = 64, CloseInput = false };
            if (!ReadPastComments(reader))
            {
                problems.Add(new ValidationProblem("$", ValidationCodes.JsonSyntax, "The text is empty; a journey map is a JSON object.", ValidationSeverity.Error, 1, 1));
                return new JsonReadOutcome(null, problems, null);
            }
            root = JToken.ReadFrom(reader, LoadSettings);
            while (reader.Read())
            {
                if (reader.TokenType == JsonToken.Comment) continue;
                problems.Add(new ValidationProblem("$", ValidationCodes.JsonSyntax, "Unexpected text after the end of the map.", ValidationSeverity.Error, reader.LineNumber, reader.LinePosition));
                return new JsonReadOutcome(null, problems, null);
            }
        }
        catch (JsonReaderException ex)
        {
            problems.Add(new ValidationProblem(JsonNames.ToJsonPath(ex.Path), ValidationCodes.JsonSyntax, SyntaxMessage(ex),
                ValidationSeverity.Error, ex.LineNumber > 0 ? ex.LineNumber : null, ex.LineNumber > 0 ? ex.LinePosition : null));
            return new JsonReadOutcome(null, problems, null);
        }

        if (root is not JObject rootObject)
        {
            problems.Add(At(root, "$", ValidationCodes.JsonType, $"A journey map is a JSON object, but the text holds {Describe(root)}."));
            return new JsonReadOutcome(null, problems, root);
        }

        if (!CheckSchemaVersion(rootObject, problems)) return new JsonReadOutcome(null, problems, root);

        // The same error is raised again for each enclosing object, one after the other: remembering the last one
        // is enough to report it once, and holds no exception (with its stack) per problem on a large map.
        Exception? last = null;
        var serializer = CreateSerializer(strictMembers: true);
        serializer.Error += (_, args) =>
        {
            args.ErrorContext.Handled = true;
            if (ReferenceEquals(last, args.ErrorContext.Error)) return;
            last = args.ErrorContext.Error;
            problems.Add(FromException(args.ErrorContext.Error, args.ErrorContext.Path, root));
        };
        JourneyMap? map;
        using (var reader = new JTokenReader(root))
        {
            map = serializer.Deserialize<JourneyMap>(reader);
        }
        ReportNullItems(rootObject, problems);
        return new JsonReadOutcome(map, [.. problems.OrderBy(p => p.Line ?? int.MaxValue).ThenBy(p => p.Position ?? 0)], root);
    }

    /// <summary>The serializer behind <see cref="Settings"/>, for the diff's JSON values.</summary>
    internal static JsonSerializer CreateSerializer(bool strictMembers = false) => JsonSerializer.Create(CreateSettings(strictMembers));

    /// <summary>The line and position of the token at a JSONPath, or of its nearest existing ancestor.</summary>
    internal static (int? Line, int? Position) LocationOf(JToken? root, string path)
    {
        if (root is null) return (null, null);
        var current = path;
        while (true)
        {
            JToken? token = null;
            try
            {
                token = root.SelectToken(current, errorWhenNoMatch: false);
            }
            catch (JsonException)
            {
                // a path the tree cannot answer: try its parent
            }
            if (token is IJsonLineInfo info && info.HasLineInfo()) return (info.LineNumber, info.LinePosition);
            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0) return (null, null);
            current = current[..cut];
        }
    }

    private static bool ReadPastComments(JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment) return true;
        }
        return false;
    }

    /// <summary>
    /// Newtonsoft reads a value missing between commas (<c>[,</c>, <c>,,</c>) as "undefined" and builds a null
    /// item from it, which then reads as "A stage is null"; JSON has no such value, so it is a syntax error here.
    /// </summary>
    private sealed class NoMissingValuesReader(TextReader reader) : JsonTextReader(reader)
    {
        public override bool Read()
        {
            bool read = base.Read();
            if (read && TokenType == JsonToken.Undefined)
            {
                throw new JsonReaderException(
                    "A value is missing: a stray comma (as in \"[,\" or \",,\") or the word undefined, which JSON does not have. Remove the comma or give the value.",
                    Path, LineNumber, LinePosition, null);
            }
            return read;
        }
    }

    private static JsonSerializerSettings CreateSettings(bool strictMembers) => new()
    {
        ContractResolver = JourneyMapContractResolver.Instance,
        Converters = { new CamelCaseEnumConverter(), new IsoTimeSpanConverter(), new StrictNumberConverter() },
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Ignore,
        DefaultValueHandling = DefaultValueHandling.Include,
        // Replace, never populate: Demographics' defaults are the shared Distribution.Empty instance.
        ObjectCreationHandling = ObjectCreationHandling.Replace,
        MissingMemberHandling = strictMembers ? MissingMemberHandling.Error : MissingMemberHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
        FloatParseHandling = FloatParseHandling.Double,
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 64,
        Culture = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// Newtonsoft puts a null list item into the list as it is; the model's lists hold no nulls, so each is a problem
    /// (unless the item's converter already reported it).
    /// </summary>
    private static void ReportNullItems(JObject root, List<ValidationProblem> problems)
    {
        HashSet<string>? reported = null;
        foreach (var array in root.Descendants().OfType<JArray>())
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i].Type != JTokenType.Null) continue;
                reported ??= new HashSet<string>(problems.Select(p => p.Path), StringComparer.Ordinal);
                var path = JsonNames.ToJsonPath(array[i].Path);
                if (reported.Add(path))
                    problems.Add(At(array[i], path, ValidationCodes.JsonType, "A list item is null; remove it or give it a value."));
            }
        }
    }

    private static bool CheckSchemaVersion(JObject root, List<ValidationProblem> problems)
    {
        var property = root.Property("schemaVersion", StringComparison.OrdinalIgnoreCase);
        if (property is null)
        {
            problems.Add(At(root, "$", ValidationCodes.SchemaVersionMissing,
                $"The map has no \"schemaVersion\"; version {JourneyMap.CurrentSchemaVersion} is assumed. Add \"schemaVersion\": {JourneyMap.CurrentSchemaVersion} to the map.",
                ValidationSeverity.Warning));
            return true;
        }
        if (property.Value.Type != JTokenType.Integer)
        {
            problems.Add(At(property.Value, "$.schemaVersion", ValidationCodes.JsonType,
                $"\"schemaVersion\" must be a whole number such as {JourneyMap.CurrentSchemaVersion}, but is {Describe(property.Value)}."));
            return false;
        }
        // A number too large for a long is a BigInteger: certainly newer than anything this library knows.
        var found = ((JValue)property.Value).Value is long number ? number : long.MaxValue;
        if (found == JourneyMap.CurrentSchemaVersion) return true;
        problems.Add(At(property.Value, "$.schemaVersion", ValidationCodes.SchemaVersion, SchemaVersionMessage(found, property.Value.ToString(Formatting.None))));
        return false;
    }

    /// <summary>The message for a schema version this library cannot read; shared with the validator.</summary>
    internal static string SchemaVersionMessage(long found, string? text = null) => found > JourneyMap.CurrentSchemaVersion
        ? $"The map uses schema version {text ?? found.ToString(CultureInfo.InvariantCulture)}, which is newer than this JourneyKit supports (schema version {JourneyMap.CurrentSchemaVersion}). " +
          "It was written by a newer JourneyKit: update the JourneyKit.Core package (or the journeykit tool) to read it."
        : $"The map uses schema version {text ?? found.ToString(CultureInfo.InvariantCulture)}, which is older than this JourneyKit supports (schema version {JourneyMap.CurrentSchemaVersion}). " +
          $"Open it with the JourneyKit release that wrote it, or set \"schemaVersion\" to {JourneyMap.CurrentSchemaVersion} after checking it against the format in docs/model.md.";

    private static ValidationProblem FromException(Exception error, string? contextPath, JToken root)
    {
        string? path = contextPath;
        int? line = null, position = null;
        switch (error)
        {
            case JsonSerializationException s:
                path = string.IsNullOrEmpty(s.Path) ? contextPath : s.Path;
                if (s.LineNumber > 0) (line, position) = (s.LineNumber, s.LinePosition);
                break;
            case JsonReaderException r:
                path = string.IsNullOrEmpty(r.Path) ? contextPath : r.Path;
                if (r.LineNumber > 0) (line, position) = (r.LineNumber, r.LinePosition);
                break;
        }
        var jsonPath = JsonNames.ToJsonPath(path);
        var message = JsonNames.CleanMessage(error.Message);

        var code = ValidationCodes.JsonType;
        var severity = ValidationSeverity.Error;
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            code = ValidationCodes.JsonUnknownProperty;
            severity = ValidationSeverity.Warning;
            message = $"Unknown property '{unknown.Groups[1].Value}' on {(unknown.Groups[2].Value == nameof(JourneyMap) ? "the map" : Article(unknown.Groups[2].Value))}: it is ignored, and dropped when the map is saved. Check its spelling.";
        }
        else if (RequiredMissing().Match(message) is { Success: true } missing)
        {
            code = ValidationCodes.JsonRequired;
            jsonPath = JsonNames.Child(jsonPath, missing.Groups[1].Value);
            message = $"The required property '{missing.Groups[1].Value}' is missing.";
        }
        else if (RequiredNull().Match(message) is { Success: true } isNull)
        {
            code = ValidationCodes.JsonRequired;
            if (!jsonPath.EndsWith("." + isNull.Groups[1].Value, StringComparison.Ordinal)) jsonPath = JsonNames.Child(jsonPath, isNull.Groups[1].Value);
            message = $"The required property '{isNull.Groups[1].Value}' must not be null.";
        }
        else if (WrongContainer().Match(message) is { Success: true } container)
        {
            message = $"Expected {Article(container.Groups[2].Value)}, but found {Article(container.Groups[1].Value)}.";
        }
        else if (ConvertingValue().Match(message) is { Success: true } converting)
        {
            var found = converting.Groups[1].Value == "{null}" ? "null" : converting.Groups[1].Value;
            message = $"Expected {Expected(converting.Groups[2].Value)}, but found {found}.";
        }
        else if (UnexpectedToken().Match(message) is { Success: true } token)
        {
            message = $"Expected {Expected(token.Groups[1].Value)}, but found {TokenInWords(token.Groups[2].Value)}.";
        }
        else if (CouldNotConvertString().Match(message) is { Success: true } text)
        {
            message = $"Expected {Expected(text.Groups[1].Value)}, but found the string \"{text.Groups[2].Value}\".";
        }

        if (line is null) (line, position) = LocationOf(root, jsonPath);
        return new ValidationProblem(jsonPath, code, message, severity, line, position);
    }

    private static string SyntaxMessage(JsonReaderException ex)
    {
        var message = JsonNames.CleanMessage(ex.Message);
        return message.StartsWith("Unexpected end", StringComparison.Ordinal)
            ? $"{message} The text ends too early: is the file truncated, or a closing bracket missing?"
            : message;
    }

    private static ValidationProblem At(JToken token, string path, string code, string message, ValidationSeverity severity = ValidationSeverity.Error)
    {
        var info = (IJsonLineInfo)token;
        return info.HasLineInfo()
            ? new ValidationProblem(path, code, message, severity, info.LineNumber, info.LinePosition)
            : new ValidationProblem(path, code, message, severity);
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Array => "an array",
        JTokenType.Object => "an object",
        JTokenType.String => $"the string \"{token}\"",
        JTokenType.Null => "null",
        _ => $"{token.Type.ToString().ToLowerInvariant()} {token.ToString(Formatting.None)}",
    };

    private static string Article(string typeName)
    {
        var words = JsonNames.CamelCase(typeName);
        return ("aeiou".Contains(words[0], StringComparison.Ordinal) ? "an " : "a ") + words;
    }

    private static string Expected(string clrType) => clrType switch
    {
        _ when clrType.Contains("List`1", StringComparison.Ordinal) || clrType.EndsWith("[]", StringComparison.Ordinal) => "an array",
        "System.Int32" or "System.Int64" or "integer" or "Int32" or "Int64" => "a whole number",
        "System.Double" or "double" or "Double" => "a number",
        "System.String" or "string" or "String" => "a string",
        "System.Boolean" or "boolean" or "Boolean" => "true or false",
        "System.DateTimeOffset" or "DateTimeOffset" => "an ISO-8601 date such as \"2026-03-01T09:30:00+01:00\"",
        _ when clrType.StartsWith("JourneyKit.Model.", StringComparison.Ordinal) => $"an object ({Article(clrType["JourneyKit.Model.".Length..])})",
        _ => clrType,
    };

    private static string TokenInWords(string token) => token switch
    {
        "StartObject" => "an object",
        "StartArray" => "an array",
        "Integer" or "Float" => "a number",
        "Boolean" => "a boolean",
        "String" => "a string",
        "Null" => "null",
        _ => token,
    };

    [GeneratedRegex(@"^Error reading (\w+)\. Unexpected token: (\w+)")]
    private static partial Regex UnexpectedToken();

    [GeneratedRegex(@"^Could not convert string to (\w+): (.*)\.$", RegexOptions.Singleline)]
    private static partial Regex CouldNotConvertString();

    [GeneratedRegex(@"^Cannot deserialize the current JSON (\w+) .* because the type requires a JSON (\w+)", RegexOptions.Singleline)]
    private static partial Regex WrongContainer();

    [GeneratedRegex(@"^Error converting value (.*) to type '(.+?)'", RegexOptions.Singleline)]
    private static partial Regex ConvertingValue();

    [GeneratedRegex(@"^Could not find member '(.*)' on object of type '(\w+)'")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"^Required property '(.*)' not found in JSON")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex(@"^Required property '(.*)' expects a (non-null )?value")]
    private static partial Regex RequiredNull();
}
