using JourneyKit.Model;
using JourneyKit.Serialization;

namespace JourneyKit.Validation;

public static partial class MapValidator
{
    /// <summary>The rules of stage and activity bindings (docs/model.md, "Bindings to the CRM").</summary>
    private sealed partial class Walker
    {
        private void StageBindings()
        {
            // (crm, kind, pipeline, id) → where it was first bound: a CRM stage may stand for one map stage only.
            var seen = new Dictionary<(CrmKind, CrmStageKind, string, string), string>();
            for (var i = 0; i < map.Stages.Count; i++)
            {
                var stage = map.Stages[i];
                if (stage is null) continue;
                for (var j = 0; j < stage.CrmStages.Count; j++)
                {
                    var binding = stage.CrmStages[j];
                    var path = $"$.stages[{i}].crmStages[{j}]";
                    if (binding is null) continue;
                    var what = $"stage '{stage.Id}'";
                    var crm = JsonNames.CamelCase(binding.Crm.Value);
                    if (string.IsNullOrWhiteSpace(binding.Crm.Value))
                    {
                        Add($"{path}.crm", ValidationCodes.MissingId, $"A CRM stage binding of {what} names no CRM.");
                        continue;
                    }
                    if (string.IsNullOrWhiteSpace(binding.Id))
                    {
                        Add($"{path}.id", ValidationCodes.MissingId, $"A CRM stage binding of {what} has no CRM stage id.");
                        continue;
                    }
                    var kinds = CrmStageBindings.KindsOf(binding.Crm);
                    if (!kinds.Contains(binding.Kind))
                    {
                        Add($"{path}.kind", ValidationCodes.BindingKindMismatch,
                            $"{Capital(what)} is bound to a {crm} '{JsonNames.CamelCase(binding.Kind.ToString())}', which {crm} does not have. Its stage kinds: {string.Join(", ", kinds.Select(k => JsonNames.CamelCase(k.ToString())))}.");
                        continue;
                    }
                    CrmStageValue(binding, path, what, crm);
                    var key = (binding.Crm, binding.Kind, binding.PipelineId?.Trim().ToLowerInvariant() ?? string.Empty, binding.Id.Trim().ToLowerInvariant());
                    if (seen.TryGetValue(key, out var first))
                        Add(path, ValidationCodes.DuplicateStageBinding,
                            $"{crm} {JsonNames.CamelCase(binding.Kind.ToString())} '{binding.Id}' is bound twice (also at {first}); a CRM stage stands for one stage of the map. Remove one binding.");
                    else
                        seen.Add(key, path);
                }
            }
        }

        private void CrmStageValue(StageBinding binding, string path, string what, string crm)
        {
            var id = binding.Id.Trim();
            var kind = JsonNames.CamelCase(binding.Kind.ToString());
            if (CrmStageBindings.ValuesOf(binding.Kind) is { } values)
            {
                if (!values.Contains(id, StringComparer.OrdinalIgnoreCase))
                    Add($"{path}.id", ValidationCodes.UnknownCrmStage,
                        $"{Capital(what)} is bound to {crm} {kind} '{binding.Id}', which {crm} does not have. Known: {string.Join(", ", values)}.");
                return;
            }
            switch (binding.Kind)
            {
                case CrmStageKind.ProcessStage when !Guid.TryParse(id, out _):
                    Add($"{path}.id", ValidationCodes.UnknownCrmStage,
                        $"{Capital(what)} is bound to process stage '{binding.Id}', which is not a GUID; use the stage's processstageid.");
                    break;
                case CrmStageKind.ProcessStage when binding.PipelineId is { } process && !Guid.TryParse(process, out _):
                    Add($"{path}.pipelineId", ValidationCodes.UnknownCrmStage,
                        $"The process of {what}'s process-stage binding is '{process}', which is not a GUID; use the business process flow's workflow id.");
                    break;
                case CrmStageKind.LifecycleStage when !CrmStageBindings.HubSpotLifecycleStages.Contains(id, StringComparer.OrdinalIgnoreCase) && !id.All(char.IsAsciiDigit):
                    Add($"{path}.id", ValidationCodes.UnknownCrmStage,
                        $"{Capital(what)} is bound to lifecycle stage '{binding.Id}', which is not a standard HubSpot stage ({string.Join(", ", CrmStageBindings.HubSpotLifecycleStages)}); a custom stage is bound by its numeric internal id.",
                        ValidationSeverity.Warning);
                    break;
            }
            if (binding.PipelineId is not null && binding.Kind is not (CrmStageKind.DealStage or CrmStageKind.ProcessStage))
                Add($"{path}.pipelineId", ValidationCodes.FilterNotApplicable,
                    $"{Capital(what)}'s {kind} binding names a pipeline, but only deal stages and process stages belong to one; remove \"pipelineId\".");
            else if (binding.PipelineId is { } pipeline && string.IsNullOrWhiteSpace(pipeline))
                Add($"{path}.pipelineId", ValidationCodes.MissingId, $"{Capital(what)}'s {kind} binding has a blank pipeline id; leave it out for the default pipeline.");
        }

        private void ActivityBindings()
        {
            var seen = new Dictionary<ActivityBinding, string>();
            for (var i = 0; i < map.Touchpoints.Count; i++)
            {
                var touchpoint = map.Touchpoints[i];
                if (touchpoint is null) continue;
                var what = $"touchpoint '{touchpoint.Id}'";
                for (var j = 0; j < touchpoint.CrmActivities.Count; j++)
                {
                    var binding = touchpoint.CrmActivities[j];
                    var path = $"$.touchpoints[{i}].crmActivities[{j}]";
                    if (binding is null) continue;
                    var crm = JsonNames.CamelCase(binding.Crm.Value);
                    var kind = JsonNames.CamelCase(binding.Kind.ToString());
                    if (string.IsNullOrWhiteSpace(binding.Crm.Value))
                    {
                        Add($"{path}.crm", ValidationCodes.MissingId, $"A CRM activity binding of {what} names no CRM.");
                        continue;
                    }
                    var kinds = CrmStageBindings.ActivityKindsOf(binding.Crm);
                    if (!kinds.Contains(binding.Kind))
                    {
                        Add($"{path}.kind", ValidationCodes.BindingKindMismatch,
                            $"{Capital(what)} is bound to {crm} activity '{kind}', which {crm} does not have. Its activity kinds: {string.Join(", ", kinds.Select(k => JsonNames.CamelCase(k.ToString())))}.");
                        continue;
                    }
                    ActivityFilters(binding, touchpoint, path, what, kind);
                    if (seen.TryGetValue(binding, out var first))
                        Add(path, ValidationCodes.DuplicateActivityBinding,
                            $"The same {crm} {kind} activities are bound at {path} and at {first}; each would count at both touchpoints. Narrow one binding or remove it.",
                            ValidationSeverity.Warning);
                    else
                        seen.Add(binding, path);
                }
            }
        }

        private void ActivityFilters(ActivityBinding binding, Touchpoint touchpoint, string path, string what, string kind)
        {
            if (binding.Direction is not null && !CrmStageBindings.HasDirection(binding.Kind))
                Add($"{path}.direction", ValidationCodes.FilterNotApplicable,
                    $"{Capital(what)}'s {kind} binding is narrowed by direction, but the CRM records no direction for {kind} activities; remove \"direction\".");
            if (binding.Outcome is not null && !CrmStageBindings.HasOutcome(binding.Kind))
                Add($"{path}.outcome", ValidationCodes.FilterNotApplicable,
                    $"{Capital(what)}'s {kind} binding is narrowed by outcome, but the CRM records no outcome for {kind} activities; remove \"outcome\".");
            Blank(binding.Outcome, $"{path}.outcome", what, "outcome");
            Blank(binding.SubjectPrefix, $"{path}.subjectPrefix", what, "subject prefix");
            Blank(binding.SourceId, $"{path}.sourceId", what, "source id");

            var natural = CrmStageBindings.ChannelOf(binding.Kind);
            if (binding.Channel is Channel channel)
            {
                if (binding.Kind == CrmActivityKind.Communication && channel is not (Channel.Sms or Channel.Chat or Channel.Social))
                    Add($"{path}.channel", ValidationCodes.FilterNotApplicable,
                        $"{Capital(what)}'s communication binding has channel '{JsonNames.CamelCase(channel.ToString())}'; HubSpot communications are sms, chat (WhatsApp) or social (LinkedIn).");
                else if (natural is Channel own && own != channel)
                    Add($"{path}.channel", ValidationCodes.FilterNotApplicable,
                        $"{Capital(what)}'s {kind} binding has channel '{JsonNames.CamelCase(channel.ToString())}', but {kind} activities are always '{JsonNames.CamelCase(own.ToString())}'; remove \"channel\".");
            }
            var effective = binding.Channel ?? natural;
            if (effective is Channel met && met != Channel.Other && met != touchpoint.Channel)
                Add($"{path}.channel", ValidationCodes.ChannelMismatch,
                    $"{Capital(what)} has channel '{JsonNames.CamelCase(touchpoint.Channel.ToString())}' but is bound to {kind} activities, which go through '{JsonNames.CamelCase(met.ToString())}'. Check the touchpoint's channel or the binding.",
                    ValidationSeverity.Warning);
        }

        private void Blank(string? text, string path, string what, string property)
        {
            if (text is not null && string.IsNullOrWhiteSpace(text))
                Add(path, ValidationCodes.MissingName, $"The {property} filter of a CRM activity binding of {what} is blank; leave it out to count every activity.");
        }
    }
}
