using System.Globalization;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

public partial class HubSpotJourneySource
{
    private async Task ReadContactStagesAsync(CrmJourneyQuery query, string[] block, Dictionary<string, List<CrmJourneyEvent>> byContact, CancellationToken cancellationToken)
    {
        var stages = query.ContactStages ?? _options.LifecycleStages;
        var toRead = new List<string>(block.Length);
        foreach (var id in block)
        {
            if (query.ContactStageEvents is { } known && known.TryGetValue(id, out var events)) byContact[id].AddRange(events);
            else toRead.Add(id);
        }
        if (toRead.Count == 0 || stages.Count == 0) return;
        var properties = ContactStageProperties(stages);
        if (!query.StageHistory)
        {
            foreach (var chunk in toRead.Chunk(_client.Contacts.MaxBatchSize))
            {
                foreach (var contact in await _client.Contacts.BatchReadAsync(chunk, properties, cancellationToken).ConfigureAwait(false))
                {
                    if (byContact.TryGetValue(contact.Id, out var list)) list.AddRange(ContactStageEvents(contact, stages));
                }
            }
            return;
        }
        var wanted = stages.ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in toRead.Chunk(MaxHistoryBatchSize))
        {
            foreach (var contact in await HistoryBatchReadAsync("contacts", chunk, properties, "lifecyclestage", cancellationToken).ConfigureAwait(false))
            {
                if (contact.Id is null || !byContact.TryGetValue(contact.Id, out var list)) continue;
                list.AddRange(FromHistory(contact, "lifecyclestage", wanted, contact.Id, "contact", null, null));
            }
        }
    }

    /// <summary>Every transition in a stage property's history: entering the new value, leaving the previous one; a cleared value (a regression's first write) leaves only.</summary>
    private static IEnumerable<CrmJourneyEvent> FromHistory(WireHistoryObject record, string property, HashSet<string> wanted, string contactId, string recordType, string? dealId, string? pipeline)
    {
        var entries = record.PropertiesWithHistory?.GetValueOrDefault(property) ?? [];
        string? current = null;
        // HubSpot lists history newest first. Two writes can share a millisecond (a regression clears the stage and sets the
        // earlier one at once), so the listing's order breaks ties: the later in the list is the older write.
        foreach (var (value, at, _) in entries
            .Select((e, i) => (Value: string.IsNullOrEmpty(e.Value) ? null : e.Value, At: HubSpotValues.ParseInstant(e.Timestamp), Position: i))
            .Where(e => e.At is not null)
            .OrderBy(e => e.At)
            .ThenByDescending(e => e.Position))
        {
            if (value == current) continue;
            if (current is not null && wanted.Contains(current))
                yield return Stage(contactId, property, current, at!.Value, CrmJourneyEventKind.StageExited, recordType, record.Id!, dealId, pipeline: pipeline);
            if (value is not null && wanted.Contains(value))
                yield return Stage(contactId, property, value, at!.Value, CrmJourneyEventKind.StageEntered, recordType, record.Id!, dealId, pipeline: pipeline);
            current = value;
        }
    }

    private async Task<IReadOnlyList<WireHistoryObject>> HistoryBatchReadAsync(string objectType, IReadOnlyCollection<string> ids, IReadOnlyList<string> properties, string historyOf, CancellationToken cancellationToken)
    {
        var body = new { properties = properties.ToArray(), propertiesWithHistory = new[] { historyOf }, inputs = ids.Select(id => new { id }).ToArray() };
        var result = await _client.Connection.PostAsync<WireResults<WireHistoryObject>>($"crm/v3/objects/{objectType}/batch/read", body, cancellationToken).ConfigureAwait(false);
        return result.Results ?? [];
    }

    /// <summary>The deal stages to read: the query's, or every stage of every deal pipeline (one read, kept for the source's life).</summary>
    private async Task<IReadOnlyList<(string Pipeline, string Stage, bool? Won)>> DealStagesAsync(CrmJourneyQuery query, CancellationToken cancellationToken)
    {
        if (query.DealStages is { } named)
        {
            return named.Select(s => s.Split(':', 2) is [var p, var st] ? (p, st, (bool?)null) : ("default", s, (bool?)null)).ToList();
        }
        if (_dealStages is not null) return _dealStages;
        var pipelines = await _client.Connection.GetAsync<WireResults<WirePipeline>>("crm/v3/pipelines/deals", cancellationToken).ConfigureAwait(false);
        var stages = new List<(string, string, bool?)>();
        foreach (var p in pipelines.Results ?? [])
        {
            foreach (var s in p.Stages ?? [])
            {
                if (p.Id is null || s.Id is null) continue;
                bool? won = s.Metadata?.GetValueOrDefault("probability") is { } prob && double.TryParse(prob, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && s.Metadata?.GetValueOrDefault("isClosed") is "true" ? x >= 1.0 : null;
                stages.Add((p.Id, s.Id, won));
            }
        }
        return _dealStages = stages;
    }

    private async Task ReadDealStagesAsync(CrmJourneyQuery query, string[] block, IReadOnlyList<(string Pipeline, string Stage, bool? Won)> stages,
        Dictionary<string, IReadOnlyList<CrmJourneyEvent>> dealEvents, Dictionary<string, List<CrmJourneyEvent>> byContact, CancellationToken cancellationToken)
    {
        var links = await AssociatedAsync("contacts", "deals", block, cancellationToken).ConfigureAwait(false);
        var toRead = links.Keys.Where(d => !dealEvents.ContainsKey(d)).ToList();
        var properties = new List<string> { "dealstage", "pipeline" };
        foreach (var (_, stage, _) in stages)
        {
            properties.Add($"hs_v2_date_entered_{Suffix(stage)}");
            properties.Add($"hs_v2_date_exited_{Suffix(stage)}");
        }
        var wanted = stages.Select(s => s.Stage).ToHashSet(StringComparer.Ordinal);
        if (query.StageHistory)
        {
            foreach (var chunk in toRead.Chunk(MaxHistoryBatchSize))
            {
                foreach (var deal in await HistoryBatchReadAsync("deals", chunk, properties, "dealstage", cancellationToken).ConfigureAwait(false))
                {
                    if (deal.Id is null) continue;
                    var pipeline = deal.Properties?.GetValueOrDefault("pipeline");
                    // Attributed to a placeholder contact, copied to each committee member below.
                    dealEvents[deal.Id] = FromHistory(deal, "dealstage", wanted, string.Empty, "deal", deal.Id, pipeline).ToList();
                }
            }
        }
        else
        {
            foreach (var chunk in toRead.Chunk(_client.Deals.MaxBatchSize))
            {
                foreach (var deal in await _client.Deals.BatchReadAsync(chunk, properties, cancellationToken).ConfigureAwait(false))
                {
                    var pipeline = deal.Get("pipeline");
                    var events = new List<CrmJourneyEvent>();
                    foreach (var (p, stage, _) in stages)
                    {
                        if (pipeline is not null && p != pipeline && query.DealStages is null) continue;
                        if (HubSpotValues.ParseInstant(deal.Get($"hs_v2_date_entered_{Suffix(stage)}")) is { } entered)
                            events.Add(Stage(string.Empty, "dealstage", stage, entered, CrmJourneyEventKind.StageEntered, "deal", deal.Id, deal.Id, pipeline: pipeline));
                        if (HubSpotValues.ParseInstant(deal.Get($"hs_v2_date_exited_{Suffix(stage)}")) is { } exited)
                            events.Add(Stage(string.Empty, "dealstage", stage, exited, CrmJourneyEventKind.StageExited, "deal", deal.Id, deal.Id, pipeline: pipeline));
                    }
                    dealEvents[deal.Id] = events;
                }
            }
        }
        foreach (var (dealId, contacts) in links)
        {
            if (!dealEvents.TryGetValue(dealId, out var events)) continue;
            foreach (var contactId in contacts)
            {
                if (byContact.TryGetValue(contactId, out var list)) list.AddRange(events.Select(e => e with { ContactId = contactId }));
            }
        }
    }

    private async Task ReadActivitiesAsync(string kind, string[] block, Dictionary<string, List<CrmJourneyEvent>> byContact, CancellationToken cancellationToken)
    {
        var links = await AssociatedAsync("contacts", kind, block, cancellationToken).ConfigureAwait(false);
        if (links.Count == 0) return;
        var extra = _options.ActivityProperties.GetValueOrDefault(kind) ?? [];
        string[] properties = ["hs_timestamp", .. extra];
        var objects = new HubSpotObjectsClient(_client.Connection, kind);
        var recordType = kind.TrimEnd('s');
        foreach (var chunk in links.Keys.Chunk(objects.MaxBatchSize))
        {
            foreach (var a in await objects.BatchReadAsync(chunk, properties, cancellationToken).ConfigureAwait(false))
            {
                var at = HubSpotValues.ParseInstant(a.Get("hs_timestamp")) ?? a.CreatedAt;
                if (at is null) continue;
                var props = extra.ToDictionary(p => p, a.Get, StringComparer.Ordinal);
                var template = Described(new CrmJourneyEvent
                {
                    Crm = CrmKind.HubSpot,
                    ContactId = string.Empty,
                    Kind = CrmJourneyEventKind.Activity,
                    Source = kind,
                    Timestamp = at.Value,
                    RecordType = recordType,
                    RecordId = a.Id,
                    Properties = props,
                }, kind, a);
                foreach (var contactId in links[a.Id])
                {
                    if (!byContact.TryGetValue(contactId, out var list)) continue;
                    list.Add(template with { ContactId = contactId });
                }
            }
        }
    }

    /// <summary>An engagement's direction, outcome, subject and channel, from HubSpot's property names and values.</summary>
    private static CrmJourneyEvent Described(CrmJourneyEvent e, string kind, HubSpotObject a) => kind switch
    {
        "calls" => e with
        {
            Direction = a.Get("hs_call_direction") switch { "INBOUND" => ActivityDirection.Inbound, "OUTBOUND" => ActivityDirection.Outbound, _ => null },
            Outcome = a.Get("hs_call_disposition"),
            Subject = a.Get("hs_call_title"),
        },
        "emails" => e with
        {
            Direction = a.Get("hs_email_direction") switch { "INCOMING_EMAIL" => ActivityDirection.Inbound, "EMAIL" or "FORWARDED_EMAIL" => ActivityDirection.Outbound, _ => null },
            Subject = a.Get("hs_email_subject"),
        },
        "meetings" => e with { Outcome = a.Get("hs_meeting_outcome"), Subject = a.Get("hs_meeting_title") },
        "communications" => e with
        {
            Channel = a.Get("hs_communication_channel_type") switch { "SMS" => Channel.Sms, "WHATS_APP" => Channel.Chat, "LINKEDIN_MESSAGE" => Channel.Social, _ => null },
        },
        _ => e,
    };

    private async Task ReadSurveysAsync(string[] block, Dictionary<string, List<CrmJourneyEvent>> byContact, CancellationToken cancellationToken)
    {
        var links = await AssociatedAsync("contacts", FeedbackSubmissions, block, cancellationToken).ConfigureAwait(false);
        if (links.Count == 0) return;
        var objects = new HubSpotObjectsClient(_client.Connection, FeedbackSubmissions);
        string[] properties = [_options.SurveyTypeProperty, _options.SurveyValueProperty, _options.SurveyTimestampProperty];
        foreach (var chunk in links.Keys.Chunk(objects.MaxBatchSize))
        {
            foreach (var s in await objects.BatchReadAsync(chunk, properties, cancellationToken).ConfigureAwait(false))
            {
                var type = s.Get(_options.SurveyTypeProperty);
                var at = HubSpotValues.ParseInstant(s.Get(_options.SurveyTimestampProperty)) ?? s.CreatedAt;
                // A custom survey has no known scale and a submission without an answer says nothing of satisfaction.
                if (at is null || SatisfactionScale.Of(type) is not { } scale
                    || !double.TryParse(s.Get(_options.SurveyValueProperty), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
                foreach (var contactId in links[s.Id])
                {
                    if (!byContact.TryGetValue(contactId, out var list)) continue;
                    list.Add(new CrmJourneyEvent
                    {
                        Crm = CrmKind.HubSpot,
                        ContactId = contactId,
                        Kind = CrmJourneyEventKind.Survey,
                        Source = FeedbackSubmissions,
                        Value = type!.ToUpperInvariant(),
                        Timestamp = at.Value,
                        RecordType = "feedback_submission",
                        RecordId = s.Id,
                        Satisfaction = SatisfactionScale.ToFivePoint(value, scale.Lowest, scale.Highest),
                        Score = (int)Math.Round(value),
                    });
                }
            }
        }
    }

    /// <summary>The records of a type associated with the given records: associated id → the given records it is linked to.</summary>
    private async Task<Dictionary<string, List<string>>> AssociatedAsync(string from, string to, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(_client.Associations.MaxBatchSize))
        {
            foreach (var a in await _client.Associations.BatchReadAsync(from, to, chunk, cancellationToken).ConfigureAwait(false))
            {
                foreach (var target in a.ToIds)
                {
                    if (!result.TryGetValue(target, out var list)) result[target] = list = [];
                    if (!list.Contains(a.FromId)) list.Add(a.FromId);
                }
            }
        }
        return result;
    }
}
