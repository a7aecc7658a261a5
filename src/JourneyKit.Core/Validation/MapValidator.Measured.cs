using JourneyKit.Model;

namespace JourneyKit.Validation;

public static partial class MapValidator
{
    /// <summary>The rules of the measured section (docs/model.md, "The measured section").</summary>
    private sealed partial class Walker
    {
        private void Measured()
        {
            if (map.Measurement is not { } measurement) return;
            const string path = "$.measurement";
            if (measurement.Since is DateTimeOffset since && measurement.Until is DateTimeOffset until && until < since)
                Add($"{path}.until", ValidationCodes.InconsistentMeasurement, $"The measured window ends ({until:O}) before it starts ({since:O}).");
            if (measurement.Events < 0)
                Add($"{path}.events", ValidationCodes.NegativeCount, $"The measurement read {measurement.Events} events; counts cannot be negative.");
            if (measurement.Journeys < 0)
                Add($"{path}.journeys", ValidationCodes.NegativeCount, $"The measurement has {measurement.Journeys} journeys; counts cannot be negative.");
            if (!(measurement.TimeInStageRelativeError >= 0 && measurement.TimeInStageRelativeError < 1))
                Add($"{path}.timeInStageRelativeError", ValidationCodes.ShareOutOfRange,
                    $"The relative error of the measured times is {Number(measurement.TimeInStageRelativeError)}; it is from 0 to 1.");

            var personas = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < measurement.Personas.Count; i++)
            {
                var persona = measurement.Personas[i];
                var personaPath = $"{path}.personas[{i}]";
                if (persona is null) continue;
                if (string.IsNullOrWhiteSpace(persona.PersonaId.Value))
                {
                    Add($"{personaPath}.personaId", ValidationCodes.MissingId, "A measured persona has no persona id.");
                    continue;
                }
                var who = $"persona '{persona.PersonaId}'";
                PersonaRef(persona.PersonaId, $"{personaPath}.personaId", "The measurement");
                if (!personas.TryAdd(persona.PersonaId.Value, i))
                    Add($"{personaPath}.personaId", ValidationCodes.DuplicateId,
                        $"{Capital(who)} is measured twice (first at {path}.personas[{personas[persona.PersonaId.Value]}]).");
                if (persona.Journeys < 0)
                    Add($"{personaPath}.journeys", ValidationCodes.NegativeCount, $"The measurement of {who} has {persona.Journeys} journeys; counts cannot be negative.");
                MeasuredStages(persona, personaPath, who);
                MeasuredRoles(persona, personaPath, who);
                for (var k = 0; k < persona.Bottlenecks.Count; k++)
                {
                    var bottleneck = persona.Bottlenecks[k];
                    if (bottleneck is null) continue;
                    var bottleneckPath = $"{personaPath}.bottlenecks[{k}]";
                    StageRef(bottleneck.StageId, $"{bottleneckPath}.stageId", $"A measured bottleneck of {who}");
                    if (!(bottleneck.DropOffRate >= 0 && bottleneck.DropOffRate <= 1))
                        Add($"{bottleneckPath}.dropOffRate", ValidationCodes.ShareOutOfRange,
                            $"The drop-off rate of {who} at stage '{bottleneck.StageId}' is {Number(bottleneck.DropOffRate)}; rates are from 0 to 1.");
                }
                for (var k = 0; k < persona.Touchpoints.Count; k++)
                {
                    var touchpoint = persona.Touchpoints[k];
                    if (touchpoint is null) continue;
                    var touchpointPath = $"{personaPath}.touchpoints[{k}]";
                    if (string.IsNullOrWhiteSpace(touchpoint.TouchpointId.Value))
                        Add($"{touchpointPath}.touchpointId", ValidationCodes.MissingId, $"A measured touchpoint of {who} has no touchpoint id.");
                    if (touchpoint.Count < 0)
                        Add($"{touchpointPath}.count", ValidationCodes.NegativeCount,
                            $"Touchpoint '{touchpoint.TouchpointId}' was met {touchpoint.Count} times by {who}; counts cannot be negative.");
                    if (touchpoint.Satisfaction is { } satisfaction && !(satisfaction.Score >= 1 && satisfaction.Score <= 5))
                        Add($"{touchpointPath}.satisfaction.score", ValidationCodes.ScoreOutOfRange,
                            $"The measured satisfaction of {who} at touchpoint '{touchpoint.TouchpointId}' is {Number(satisfaction.Score)}; scores are from 1 to 5.");
                }
            }
            MeasuredCommittees(measurement, path);
        }

        private void MeasuredRoles(PersonaMeasurement persona, string personaPath, string who)
        {
            if (persona.Deals < 0)
                Add($"{personaPath}.deals", ValidationCodes.NegativeCount, $"The contacts of {who} sit on {persona.Deals} deals; counts cannot be negative.");
            if (persona.DecisionRoles is not { } roles) return;
            Distribution(roles, $"{personaPath}.decisionRoles");
            for (var k = 0; k < roles.Buckets.Count; k++)
            {
                if (roles.Buckets[k] is not { } bucket) continue;
                if (!Enum.TryParse<DecisionRole>(bucket.Label, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(bucket.Label, out _))
                    Add($"{personaPath}.decisionRoles.buckets[{k}].label", ValidationCodes.JsonType,
                        $"The measured decision role '{bucket.Label}' of {who} is not a decision role; they are {string.Join(", ", Enum.GetNames<DecisionRole>())}.");
            }
        }

        private void MeasuredCommittees(Measurement measurement, string path)
        {
            for (var i = 0; i < measurement.Committees.Count; i++)
            {
                if (measurement.Committees[i] is not { } committee) continue;
                var committeePath = $"{path}.committees[{i}]";
                var personas = committee.Personas ?? [];
                if (personas.Count == 0)
                    Add($"{committeePath}.personas", ValidationCodes.MissingId, "A measured committee names no persona.");
                for (var k = 0; k < personas.Count; k++)
                    PersonaRef(personas[k], $"{committeePath}.personas[{k}]", "A measured committee");
                if (committee.Deals < 0 || committee.Won < 0 || committee.Lost < 0)
                    Add(committeePath, ValidationCodes.NegativeCount, "A count of a measured committee is negative; counts cannot be negative.");
                else if (committee.Won + committee.Lost > committee.Deals)
                    Add(committeePath, ValidationCodes.InconsistentMeasurement,
                        $"A measured committee has more won ({committee.Won}) and lost ({committee.Lost}) deals than deals ({committee.Deals}).");
            }
        }

        private void MeasuredStages(PersonaMeasurement persona, string personaPath, string who)
        {
            for (var k = 0; k < persona.Stages.Count; k++)
            {
                var stage = persona.Stages[k];
                if (stage is null) continue;
                var stagePath = $"{personaPath}.stages[{k}]";
                StageRef(stage.StageId, $"{stagePath}.stageId", $"A measured stage of {who}");
                var where = $"{who} at stage '{stage.StageId}'";
                if (stage.Entered < 0 || stage.Converted < 0 || stage.Dropped < 0 || stage.TimedStays < 0)
                    Add(stagePath, ValidationCodes.NegativeCount, $"A measured count of {where} is negative; counts cannot be negative.");
                else if (stage.Converted > stage.Entered || stage.Dropped > stage.Entered)
                    Add(stagePath, ValidationCodes.InconsistentMeasurement,
                        $"More customers of {where} converted ({stage.Converted}) or dropped ({stage.Dropped}) than entered ({stage.Entered}).");
                if (stage.MedianTimeInStage is TimeSpan median && stage.P90TimeInStage is TimeSpan p90 && p90 < median)
                    Add($"{stagePath}.p90TimeInStage", ValidationCodes.InconsistentMeasurement,
                        $"The p90 time in stage of {where} ({p90}) is below its median ({median}).");
                if (stage.MedianTimeInStage < TimeSpan.Zero || stage.P90TimeInStage < TimeSpan.Zero)
                    Add(stagePath, ValidationCodes.NegativeDuration, $"A measured time in stage of {where} is negative.");
            }
        }
    }
}
