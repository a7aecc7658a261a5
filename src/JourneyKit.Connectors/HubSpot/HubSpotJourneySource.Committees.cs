using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

public partial class HubSpotJourneySource
{
    private IReadOnlyDictionary<int, string>? _dealContactLabels;

    /// <summary>
    /// The portal's labels of deal → contact associations, by typeId, read once from
    /// <c>GET /crm/v4/associations/deals/contacts/labels</c>: typeIds of USER_DEFINED labels differ per portal, so they are
    /// never hard-coded.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>typeId → label, for the labelled types only.</returns>
    public virtual async Task<IReadOnlyDictionary<int, string>> GetDealContactLabelsAsync(CancellationToken cancellationToken = default)
    {
        if (_dealContactLabels is not null) return _dealContactLabels;
        var result = await _client.Connection.GetAsync<WireResults<WireAssociationType>>("crm/v4/associations/deals/contacts/labels", cancellationToken).ConfigureAwait(false);
        return _dealContactLabels = (result.Results ?? [])
            .Where(t => !string.IsNullOrWhiteSpace(t.Label))
            .GroupBy(t => t.TypeId)
            .ToDictionary(g => g.Key, g => g.First().Label!);
    }

    /// <inheritdoc />
    /// <remarks>
    /// 1 label read, ⌈N/1,000⌉ contact → deal association reads, ⌈D/100⌉ deal reads (stage, closed flags) and ⌈D/1,000⌉
    /// deal → contact association reads with their labels.
    /// </remarks>
    public virtual async IAsyncEnumerable<CrmDealCommittee> GetDealCommitteesAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var ids = contactIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) yield break;
        var labels = await GetDealContactLabelsAsync(cancellationToken).ConfigureAwait(false);
        var deals = await AssociatedAsync("contacts", "deals", ids, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in deals.Keys.Order(StringComparer.Ordinal).Chunk(_client.Associations.MaxBatchSize))
        {
            var members = new Dictionary<string, List<CrmCommitteeMember>>(StringComparer.Ordinal);
            var body = new { inputs = chunk.Select(id => new { id }).ToArray() };
            var result = await _client.Connection.PostAsync<WireResults<WireLabelledAssociationResult>>("crm/v4/associations/deals/contacts/batch/read", body, cancellationToken).ConfigureAwait(false);
            foreach (var r in result.Results ?? [])
            {
                if (r.From?.Id is not { } dealId) continue;
                var list = members[dealId] = [];
                foreach (var to in r.To ?? [])
                {
                    if (to.ToObjectId is not { } contactId || list.Any(m => m.ContactId == contactId)) continue;
                    var roles = (to.AssociationTypes ?? [])
                        .Select(t => t.Label ?? (labels.TryGetValue(t.TypeId, out var l) ? l : null))
                        .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
                    list.Add(new CrmCommitteeMember(contactId, roles));
                }
            }
            var dealInfo = new Dictionary<string, Models.HubSpotObject>(StringComparer.Ordinal);
            foreach (var part in chunk.Chunk(_client.Deals.MaxBatchSize))
            {
                foreach (var d in await _client.Deals.BatchReadAsync(part, ["dealstage", "hs_is_closed_won", "hs_is_closed_lost", "hs_is_closed", "closedate"], cancellationToken).ConfigureAwait(false))
                    dealInfo[d.Id] = d;
            }
            foreach (var dealId in chunk)
            {
                if (!dealInfo.TryGetValue(dealId, out var deal)) continue;
                var stage = deal.Get("dealstage");
                bool won = deal.Get("hs_is_closed_won") == "true" || stage == "closedwon";
                bool lost = deal.Get("hs_is_closed_lost") == "true" || stage == "closedlost";
                cancellationToken.ThrowIfCancellationRequested();
                yield return new CrmDealCommittee
                {
                    Crm = CrmKind.HubSpot,
                    DealId = dealId,
                    Outcome = won ? CrmDealOutcome.Won : lost ? CrmDealOutcome.Lost : CrmDealOutcome.Open,
                    ClosedAt = won || lost ? HubSpotValues.ParseInstant(deal.Get("closedate")) : null,
                    Members = members.GetValueOrDefault(dealId) ?? deals[dealId].Select(c => new CrmCommitteeMember(c, [])).ToList(),
                };
            }
        }
    }
}
