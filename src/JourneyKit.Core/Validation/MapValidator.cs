using System.Globalization;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Versioning;

namespace JourneyKit.Validation;

/// <summary>
/// Checks a journey map against the model's rules (ids, references, ranges) and collects every problem, each
/// with the JSON path of the value at fault; it never stops at the first. See docs/model.md for the rules.
/// </summary>
public static partial class MapValidator
{
    private const int KnownIdsInMessage = 10;

    /// <summary>Checks a map built in code or read from JSON.</summary>
    /// <param name="map">The map.</param>
    /// <returns>Every problem found; <see cref="ValidationResult.IsValid"/> when there is no error.</returns>
    public static ValidationResult Validate(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var problems = new List<ValidationProblem>();
        new Walker(map, problems).Run();
        return problems.Count == 0 ? ValidationResult.Valid : new ValidationResult { Problems = problems };
    }

    /// <summary>
    /// Checks JSON text: first as JSON (syntax, types, required properties, schema version, unknown properties
    /// as warnings), then, for whatever could be read, against the model's rules. Every problem carries its
    /// JSON path and, where the text has it, its line and position; problems are in document order.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where the text came from (a file name).</param>
    /// <returns>Every problem found.</returns>
    public static ValidationResult ValidateJson(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Check(JourneyMapJson.Read(json), source);
    }

    /// <summary>
    /// Checks a stream of UTF-8 JSON as <see cref="ValidateJson(string, string?)"/> does, without holding the whole
    /// text in memory; wrap the stream to show progress on a large file.
    /// </summary>
    /// <param name="stream">The JSON; it is read to its end and not closed.</param>
    /// <param name="source">Where the text came from (a file name).</param>
    /// <returns>Every problem found.</returns>
    public static ValidationResult ValidateJson(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        return Check(JourneyMapJson.Read(text), source);
    }

    private static ValidationResult Check(JsonReadOutcome outcome, string? source)
    {
        var problems = new List<ValidationProblem>(outcome.Problems);
        if (outcome.Map is not null)
        {
            var formatPaths = outcome.Problems.Where(p => p.Severity == ValidationSeverity.Error).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            var model = new List<ValidationProblem>();
            new Walker(outcome.Map, model).Run();
            foreach (var problem in model)
            {
                // A value that failed to convert reads as its default; the model rules would only repeat the complaint.
                if (formatPaths.Count > 0 && IsCovered(formatPaths, problem.Path)) continue;
                var (line, position) = JourneyMapJson.LocationOf(outcome.Root, problem.Path);
                problems.Add(problem with { Line = line, Position = position });
            }
        }
        var ordered = problems.OrderBy(p => p.Line ?? int.MaxValue).ThenBy(p => p.Position ?? 0).ToList();
        return new ValidationResult { Problems = ordered, SourceName = source };
    }

    /// <summary>Checks a JSON file, as <see cref="ValidateJson(string, string?)"/> does.</summary>
    /// <param name="path">The file's path; it becomes the result's <see cref="ValidationResult.SourceName"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every problem found.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<ValidationResult> ValidateFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = JourneyMapJson.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await Task.Run(() => ValidateJson(stream, path), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the path or one of its ancestors had a format error (a hash look-up per ancestor, not a scan of every error).</summary>
    private static bool IsCovered(HashSet<string> formatPaths, string modelPath)
    {
        var current = modelPath;
        while (true)
        {
            if (formatPaths.Contains(current)) return true;
            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0) return false;
            current = current[..cut];
        }
    }

    private sealed partial class Walker(JourneyMap map, List<ValidationProblem> problems)
    {
        private readonly HashSet<string> _stages = new(map.Stages.Where(s => s is not null).Select(s => s.Id.Value).Where(v => v is not null), StringComparer.Ordinal);
        private readonly HashSet<string> _personas = new(map.Personas.Where(p => p is not null).Select(p => p.Id.Value).Where(v => v is not null), StringComparer.Ordinal);
        private readonly HashSet<string> _touchpoints = new(map.Touchpoints.Where(t => t is not null).Select(t => t.Id.Value).Where(v => v is not null), StringComparer.Ordinal);

        public void Run()
        {
            RequireId(map.Id.Value, "$.id", "map");
            RequireName(map.Name, "$.name", "the map", "name");
            if (map.SchemaVersion != JourneyMap.CurrentSchemaVersion)
                Add("$.schemaVersion", ValidationCodes.SchemaVersion, JourneyMapJson.SchemaVersionMessage(map.SchemaVersion));
            if (map.Version < 1)
                Add("$.version", ValidationCodes.VersionOutOfRange, $"The map's version is {map.Version}; versions start at 1.");

            Stages();
            Personas();
            Touchpoints();
            Goals();
            Opportunities();
            StageBindings();
            ActivityBindings();
            Measured();

            for (var i = 0; i < map.ChangeLog.Count; i++)
            {
                var entry = map.ChangeLog[i];
                if (entry is null) continue;
                if (entry.Version < 1)
                    Add($"$.changeLog[{i}].version", ValidationCodes.VersionOutOfRange, $"The change-log entry's version is {entry.Version}; versions start at 1.");
            }
        }

        private void Stages()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var orders = new Dictionary<int, int>();
            for (var i = 0; i < map.Stages.Count; i++)
            {
                var stage = map.Stages[i];
                var path = $"$.stages[{i}]";
                if (stage is null)
                {
                    Add(path, ValidationCodes.MissingId, "A stage is null.");
                    continue;
                }
                Unique(ids, stage.Id.Value, i, path, "stage", "$.stages");
                RequireName(stage.Name, $"{path}.name", $"stage '{stage.Id}'", "name");
                if (!orders.TryAdd(stage.Order, i))
                    Add($"{path}.order", ValidationCodes.DuplicateStageOrder,
                        $"Stage '{stage.Id}' has order {stage.Order}, like stage '{map.Stages[orders[stage.Order]].Id}' ($.stages[{orders[stage.Order]}]); give each stage its own order.");
            }
        }

        private void Personas()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var segmentOwners = new Dictionary<(CrmKind, string), string>();
            for (var i = 0; i < map.Personas.Count; i++)
            {
                var persona = map.Personas[i];
                var path = $"$.personas[{i}]";
                if (persona is null)
                {
                    Add(path, ValidationCodes.MissingId, "A persona is null.");
                    continue;
                }
                var who = $"persona '{persona.Id}'";
                Unique(ids, persona.Id.Value, i, path, "persona", "$.personas");
                RequireName(persona.Name, $"{path}.name", who, "name");
                if (persona.BusinessValue is double value && !(value >= 0 && value <= 1))
                    Add($"{path}.businessValue", ValidationCodes.BusinessValueOutOfRange,
                        $"The business value of {who} is {Number(value)}; it is a share of revenue from 0 to 1.");
                if (persona.Urgency?.TimeToPurchase is TimeSpan ttp && ttp < TimeSpan.Zero)
                    Add($"{path}.urgency.timeToPurchase", ValidationCodes.NegativeDuration, $"The time to purchase of {who} is negative ({ttp}).");

                var bindings = new Dictionary<(CrmKind, string), int>();
                for (var j = 0; j < persona.Segments.Count; j++)
                {
                    var binding = persona.Segments[j];
                    var bindingPath = $"{path}.segments[{j}]";
                    if (binding is null || string.IsNullOrWhiteSpace(binding.SegmentId))
                    {
                        Add($"{bindingPath}.segmentId", ValidationCodes.MissingId, $"A segment binding of {who} has no segment id.");
                        continue;
                    }
                    var key = (binding.Crm, binding.SegmentId);
                    var crm = JsonNames.CamelCase(binding.Crm.ToString());
                    if (!bindings.TryAdd(key, j))
                        Add(bindingPath, ValidationCodes.DuplicateSegmentBinding,
                            $"{Capital(who)} is bound twice to {crm} segment '{binding.SegmentId}' (also at {path}.segments[{bindings[key]}]); remove one binding.");
                    else if (!segmentOwners.TryAdd(key, persona.Id.Value ?? string.Empty) && segmentOwners[key] != persona.Id.Value)
                        Add(bindingPath, ValidationCodes.SharedSegment,
                            $"{crm} segment '{binding.SegmentId}' is bound to {who} and to persona '{segmentOwners[key]}'; its contacts would get both personas.",
                            ValidationSeverity.Warning);
                }

                if (persona.Demographics is { } demographics) Demographics(demographics, $"{path}.demographics", who);
                if (persona.Expected is { } expected) Expectation(expected, $"{path}.expected", who);
                Objections(persona, path, who);
            }
        }

        private void Demographics(Demographics demographics, string path, string who)
        {
            if (demographics.ContactCount < 0)
                Add($"{path}.contactCount", ValidationCodes.NegativeCount, $"The contact count of {who} is {demographics.ContactCount}; counts cannot be negative.");
            Distribution(demographics.Gender, $"{path}.gender");
            Distribution(demographics.AgeBands, $"{path}.ageBands");
            Distribution(demographics.Professions, $"{path}.professions");
            Distribution(demographics.Responsibilities, $"{path}.responsibilities");
            Distribution(demographics.IncomeBands, $"{path}.incomeBands");
            Distribution(demographics.Regions, $"{path}.regions");
            Distribution(demographics.CompanySizeBands, $"{path}.companySizeBands");
            Distribution(demographics.Industries, $"{path}.industries");
            Distribution(demographics.FamilyStatus, $"{path}.familyStatus");
        }

        private void Expectation(PersonaExpectation expected, string path, string who)
        {
            foreach (var (name, labels) in PersonaDriftCalculator.ExpectedLabels(expected))
            {
                if (labels is null) continue;
                for (var k = 0; k < labels.Count; k++)
                {
                    if (string.IsNullOrWhiteSpace(labels[k]))
                        Add($"{path}.{name}[{k}]", ValidationCodes.EmptyExpectation,
                            $"An expected {name} bucket of {who} is empty; name the bucket as the demographics spell it (e.g. \"45-54\"), or remove it.");
                }
            }
        }

        private void Distribution(Distribution? distribution, string path)
        {
            if (distribution is null) return;
            for (var k = 0; k < distribution.Buckets.Count; k++)
            {
                var bucket = distribution.Buckets[k];
                if (bucket is null) continue;
                var bucketPath = $"{path}.buckets[{k}]";
                if (bucket.Count < 0)
                    Add($"{bucketPath}.count", ValidationCodes.NegativeCount, $"Bucket '{bucket.Label}' has count {bucket.Count}; counts cannot be negative.");
                if (!(bucket.Share >= 0 && bucket.Share <= 1))
                    Add($"{bucketPath}.share", ValidationCodes.ShareOutOfRange, $"Bucket '{bucket.Label}' has share {Number(bucket.Share)}; shares are from 0 to 1.");
            }
        }

        private void Objections(Persona persona, string personaPath, string who)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < persona.Objections.Count; k++)
            {
                var objection = persona.Objections[k];
                var path = $"{personaPath}.objections[{k}]";
                if (objection is null)
                {
                    Add(path, ValidationCodes.MissingId, $"An objection of {who} is null.");
                    continue;
                }
                var what = $"objection '{objection.Id}' of {who}";
                Unique(ids, objection.Id.Value, k, path, $"objection of {who}", $"{personaPath}.objections");
                RequireName(objection.Text, $"{path}.text", what, "text");
                if (objection.StageId is StageId stage) StageRef(stage, $"{path}.stageId", Capital(what));
                if (objection.Count < 0)
                    Add($"{path}.count", ValidationCodes.NegativeCount, $"The count of {what} is {objection.Count}; counts cannot be negative.");
                if (!(objection.Share >= 0 && objection.Share <= 1))
                    Add($"{path}.share", ValidationCodes.ShareOutOfRange, $"The share of {what} is {Number(objection.Share)}; shares are from 0 to 1.");
                for (var e = 0; e < objection.Evidence.Count; e++)
                {
                    if (string.IsNullOrWhiteSpace(objection.Evidence[e]?.RecordId))
                        Add($"{path}.evidence[{e}].recordId", ValidationCodes.MissingId, $"Evidence for {what} has no CRM record id.");
                }
            }
        }

        private void Touchpoints()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < map.Touchpoints.Count; i++)
            {
                var touchpoint = map.Touchpoints[i];
                var path = $"$.touchpoints[{i}]";
                if (touchpoint is null)
                {
                    Add(path, ValidationCodes.MissingId, "A touchpoint is null.");
                    continue;
                }
                var what = $"touchpoint '{touchpoint.Id}'";
                Unique(ids, touchpoint.Id.Value, i, path, "touchpoint", "$.touchpoints");
                RequireName(touchpoint.Name, $"{path}.name", what, "name");
                StageRef(touchpoint.StageId, $"{path}.stageId", Capital(what));
                for (var k = 0; k < touchpoint.PersonaIds.Count; k++)
                    PersonaRef(touchpoint.PersonaIds[k], $"{path}.personaIds[{k}]", Capital(what));
                if (touchpoint.Satisfaction is { } satisfaction)
                {
                    if (!(satisfaction.Score >= 1 && satisfaction.Score <= 5))
                        Add($"{path}.satisfaction.score", ValidationCodes.ScoreOutOfRange,
                            $"The satisfaction score of {what} is {Number(satisfaction.Score)}; scores are from 1 to 5.");
                    if (satisfaction.Count < 0)
                        Add($"{path}.satisfaction.count", ValidationCodes.NegativeCount,
                            $"The satisfaction of {what} is based on {satisfaction.Count} scores; counts cannot be negative.");
                }
                if (touchpoint.TypicalWait is TimeSpan wait && wait < TimeSpan.Zero)
                    Add($"{path}.typicalWait", ValidationCodes.NegativeDuration, $"The typical wait at {what} is negative ({wait}).");
                if (touchpoint.TypicalDuration is TimeSpan duration && duration < TimeSpan.Zero)
                    Add($"{path}.typicalDuration", ValidationCodes.NegativeDuration, $"The typical duration of {what} is negative ({duration}).");
                for (var k = 0; k < touchpoint.PainPoints.Count; k++)
                {
                    var pain = touchpoint.PainPoints[k];
                    if (pain is null) continue;
                    if (pain.Severity is < 1 or > 5)
                        Add($"{path}.painPoints[{k}].severity", ValidationCodes.SeverityOutOfRange,
                            $"Pain point '{pain.Description}' of {what} has severity {pain.Severity}; severities are from 1 to 5.");
                    RequireName(pain.Description, $"{path}.painPoints[{k}].description", $"a pain point of {what}", "description");
                }
            }
        }

        private void Goals()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < map.Goals.Count; i++)
            {
                var goal = map.Goals[i];
                var path = $"$.goals[{i}]";
                if (goal is null)
                {
                    Add(path, ValidationCodes.MissingId, "A goal is null.");
                    continue;
                }
                var what = $"goal '{goal.Id}'";
                Unique(ids, goal.Id.Value, i, path, "goal", "$.goals");
                RequireName(goal.Text, $"{path}.text", what, "text");
                if (goal.PersonaId is PersonaId persona) PersonaRef(persona, $"{path}.personaId", Capital(what));
                if (goal.StageId is StageId stage) StageRef(stage, $"{path}.stageId", Capital(what));
            }
        }

        private void Opportunities()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < map.Opportunities.Count; i++)
            {
                var opportunity = map.Opportunities[i];
                var path = $"$.opportunities[{i}]";
                if (opportunity is null)
                {
                    Add(path, ValidationCodes.MissingId, "An opportunity is null.");
                    continue;
                }
                var what = $"opportunity '{opportunity.Id}'";
                Unique(ids, opportunity.Id.Value, i, path, "opportunity", "$.opportunities");
                RequireName(opportunity.Title, $"{path}.title", what, "title");
                if (opportunity.StageId is StageId stage) StageRef(stage, $"{path}.stageId", Capital(what));
                if (opportunity.PersonaId is PersonaId persona) PersonaRef(persona, $"{path}.personaId", Capital(what));
                if (opportunity.TouchpointId is TouchpointId touchpoint && !string.IsNullOrWhiteSpace(touchpoint.Value) && !_touchpoints.Contains(touchpoint.Value))
                    Add($"{path}.touchpointId", ValidationCodes.UnknownTouchpoint,
                        $"{Capital(what)} refers to touchpoint '{touchpoint}', which the map does not have.{Known(_touchpoints)}");
                else if (opportunity.TouchpointId is TouchpointId blank && string.IsNullOrWhiteSpace(blank.Value))
                    Add($"{path}.touchpointId", ValidationCodes.MissingId, $"{Capital(what)} has a blank touchpoint id; leave it out or name a touchpoint.");
            }
        }

        private void StageRef(StageId stage, string path, string what)
        {
            if (string.IsNullOrWhiteSpace(stage.Value))
                Add(path, ValidationCodes.MissingId, $"{what} has no stage id.");
            else if (!_stages.Contains(stage.Value))
                Add(path, ValidationCodes.UnknownStage, $"{what} refers to stage '{stage}', which the map does not have.{Known(_stages)}");
        }

        private void PersonaRef(PersonaId persona, string path, string what)
        {
            if (string.IsNullOrWhiteSpace(persona.Value))
                Add(path, ValidationCodes.MissingId, $"{what} has a blank persona id.");
            else if (!_personas.Contains(persona.Value))
                Add(path, ValidationCodes.UnknownPersona, $"{what} refers to persona '{persona}', which the map does not have.{Known(_personas)}");
        }

        private void Unique(Dictionary<string, int> seen, string? id, int index, string path, string kind, string listPath)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                Add($"{path}.id", ValidationCodes.MissingId, $"A {kind} has no id.");
                return;
            }
            if (!seen.TryAdd(id, index))
                Add($"{path}.id", ValidationCodes.DuplicateId, $"The {kind} id '{id}' is used twice (first at {listPath}[{seen[id]}]); ids must be unique.");
        }

        private void RequireId(string? id, string path, string kind)
        {
            if (string.IsNullOrWhiteSpace(id)) Add(path, ValidationCodes.MissingId, $"The {kind} has no id.");
        }

        private void RequireName(string? name, string path, string what, string property)
        {
            if (string.IsNullOrWhiteSpace(name)) Add(path, ValidationCodes.MissingName, $"The {property} of {what} is missing or blank.");
        }

        private void Add(string path, string code, string message, ValidationSeverity severity = ValidationSeverity.Error) =>
            problems.Add(new ValidationProblem(path, code, message, severity));

        private static string Known(HashSet<string> ids) => ids.Count == 0
            ? " The map has none."
            : $" Known: {string.Join(", ", ids.Take(KnownIdsInMessage))}{(ids.Count > KnownIdsInMessage ? ", …" : string.Empty)}.";

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
