using System.Globalization;
using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Connectors.Text;
using JourneyKit.Model;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse;

// Objections: one paged scan of the lost opportunities with their close activities and notes, joined locally to the contacts.
public partial class DataverseConnector
{
    /// <inheritdoc />
    /// <value>100,000: each call costs one scan of the lost opportunities, whatever the number of contacts, so the engine hands many at once (a few MB of ids).</value>
    public virtual int ObjectionContactsPerCall => 100_000;

    /// <inheritdoc />
    /// <remarks>
    /// One paged query, whatever the number of contacts: the lost opportunities (<c>statecode eq 2</c>) with their
    /// close activities (<c>Opportunity_OpportunityClose</c>: the lost reason) and notes (<c>Opportunity_Annotation</c>)
    /// expanded, <see cref="DataverseClient.PageSize"/> opportunities a page (at most 5,000), joined here to the given
    /// contacts through <c>_parentcontactid_value</c> and <c>_customerid_value</c>. That is
    /// ⌈lost opportunities / page size⌉ requests per call, against three per 100 contacts with filtered look-ups. The
    /// <c>@odata.nextLink</c> Dataverse puts on each expanded collection is not a continuation (it names the whole
    /// collection again) and is not followed.
    /// </remarks>
    public virtual async IAsyncEnumerable<ObjectionSignal> GetObjectionSignalsAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        // Ids as GUIDs, not strings: a call hands up to ObjectionContactsPerCall of them, and the scan sees every lost opportunity.
        var wanted = new CompactIdSet(ignoreCase: true);
        foreach (var id in contactIds) wanted.Add(ParseId(id, nameof(contactIds)).ToString("D"));
        if (wanted.Count == 0) yield break;
        var seen = new CompactIdSet(ignoreCase: true);
        await foreach (var row in _client.Records.QueryAsync(LostOpportunities(), cancellationToken).ConfigureAwait(false))
        {
            var id = (string?)row[DataverseStandardSchema.OpportunityId];
            if (id is null || !seen.Add(id)) continue;
            var contacts = new[] { (string?)row[DataverseStandardSchema.OpportunityContact], (string?)row[DataverseStandardSchema.OpportunityCustomer] }
                .Where(c => c is not null && wanted.Contains(c)).Select(c => c!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (contacts.Count == 0) continue;
            foreach (var signal in OpportunitySignals(row, contacts)) yield return signal;
        }
    }

    /// <summary>The signals of one opportunity row (its closes' lost reasons, then its notes), linked to the given contacts.</summary>
    private IEnumerable<ObjectionSignal> OpportunitySignals(JObject row, IReadOnlyList<string> contacts)
    {
        var id = (string)row[DataverseStandardSchema.OpportunityId]!;
        var stage = (string?)row[_columns.OpportunityStageColumn + DataverseClient.FormattedValue] ?? (string?)row[_columns.OpportunityStageColumn];
        var closedOn = Date((string?)row[DataverseStandardSchema.OpportunityCloseDate]);
        foreach (var close in (row[DataverseStandardSchema.OpportunityCloses] as JArray)?.OfType<JObject>() ?? [])
        {
            var text = ((string?)close[_columns.LostReasonColumn])?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            yield return new ObjectionSignal
            {
                Crm = CrmKind.Dataverse, RecordType = "opportunityclose", RecordId = (string)close[DataverseStandardSchema.ActivityId]!, DealId = id, Text = text,
                ContactIds = contacts, OccurredAt = Date((string?)close[DataverseStandardSchema.CloseEnd]) ?? closedOn, StageHint = stage,
            };
        }
        foreach (var note in (row[DataverseStandardSchema.OpportunityNotes] as JArray)?.OfType<JObject>() ?? [])
        {
            var text = TextScrubber.StripHtml((string?)note[DataverseStandardSchema.NoteText]);
            if (string.IsNullOrEmpty(text)) continue;
            yield return new ObjectionSignal
            {
                Crm = CrmKind.Dataverse, RecordType = "note", RecordId = (string)note[DataverseStandardSchema.AnnotationId]!, DealId = id, Text = text,
                ContactIds = contacts, OccurredAt = Date((string?)note[DataverseStandardSchema.CreatedOn]), StageHint = stage,
            };
        }
    }

    /// <summary>The lost opportunities with their close activities and notes, as one query.</summary>
    private DataverseQuery LostOpportunities() => new(DataverseStandardSchema.Opportunities)
    {
        Select =
        [
            DataverseStandardSchema.OpportunityId, _columns.OpportunityStageColumn, DataverseStandardSchema.OpportunityCloseDate,
            DataverseStandardSchema.OpportunityContact, DataverseStandardSchema.OpportunityCustomer,
        ],
        Filter = $"{DataverseStandardSchema.StateCode} eq {DataverseStandardSchema.OpportunityLost.ToString(CultureInfo.InvariantCulture)}",
        Expand =
        [
            new DataverseExpand(DataverseStandardSchema.OpportunityCloses) { Select = [DataverseStandardSchema.ActivityId, _columns.LostReasonColumn, DataverseStandardSchema.CloseEnd] },
            new DataverseExpand(DataverseStandardSchema.OpportunityNotes) { Select = [DataverseStandardSchema.AnnotationId, DataverseStandardSchema.NoteText, DataverseStandardSchema.CreatedOn] },
        ],
        FormattedValues = true,
    };

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
}
