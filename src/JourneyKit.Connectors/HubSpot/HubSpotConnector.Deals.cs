using System.Globalization;
using System.Text;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot.Models;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

public partial class HubSpotConnector
{
    /// <inheritdoc />
    /// <remarks>
    /// Finds the contacts' deals with ⌈N/1000⌉ associations v4 batch reads (contacts → deals), keeps the open ones
    /// (<c>hs_is_closed</c>, or a <c>closedwon</c>/<c>closedlost</c> stage when a portal does not compute it) with
    /// ⌈A/100⌉ deal batch reads, and writes each open deal's committee (its assigned contacts grouped by persona, most
    /// contacts first, each persona with its top objections) as text and as JSON with ⌈D/100⌉ batch updates; all
    /// within the client's rate limit. Nothing is written when <see cref="HubSpotConnectorOptions.WriteDeals"/> is off.
    /// </remarks>
    public virtual async Task<DealAssignResult> AssignDealPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (!_options.WriteDeals || assignments.Count == 0) return DealAssignResult.None;

        // The first assignment of a contact wins, as in the contact batches.
        var byContact = new Dictionary<string, (PersonaAssignment Assignment, int Order)>(StringComparer.Ordinal);
        foreach (var a in assignments)
        {
            if (!string.IsNullOrWhiteSpace(a.ContactId)) byContact.TryAdd(a.ContactId, (a, byContact.Count));
        }
        if (byContact.Count == 0) return DealAssignResult.None;

        int requests = 0;
        var dealContacts = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in byContact.Keys.Chunk(_client.Associations.MaxBatchSize))
        {
            requests++;
            foreach (var association in await _client.Associations.BatchReadAsync("contacts", "deals", chunk, cancellationToken).ConfigureAwait(false))
            {
                if (!byContact.ContainsKey(association.FromId)) continue;
                foreach (var deal in association.ToIds)
                {
                    if (!dealContacts.TryGetValue(deal, out var contacts)) dealContacts[deal] = contacts = [];
                    if (!contacts.Contains(association.FromId)) contacts.Add(association.FromId);
                }
            }
        }

        return await WriteCommitteesAsync(byContact, dealContacts, requests, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads which of the deals are open and writes each open deal's committee of assigned contacts.</summary>
    private async Task<DealAssignResult> WriteCommitteesAsync(Dictionary<string, (PersonaAssignment Assignment, int Order)> byContact,
        SortedDictionary<string, List<string>> dealContacts, int requests, CancellationToken cancellationToken)
    {
        var open = new List<string>();
        foreach (var chunk in dealContacts.Keys.Chunk(_client.Deals.MaxBatchSize))
        {
            requests++;
            var deals = await _client.Deals.BatchReadAsync(chunk, ["hs_is_closed", "dealstage"], cancellationToken).ConfigureAwait(false);
            open.AddRange(deals.Where(IsOpen).Select(d => d.Id));
        }
        open.Sort(StringComparer.Ordinal);

        var updates = new List<HubSpotObjectUpdate>(open.Count);
        foreach (var dealId in open)
        {
            var committee = dealContacts[dealId]
                .Select(id => byContact[id])
                .GroupBy(x => x.Assignment.Persona.Id)
                .Select(g => (g.First().Assignment, Contacts: g.OrderBy(x => x.Order).Select(x => x.Assignment.ContactId).ToList(), FirstOrder: g.Min(x => x.Order)))
                .OrderByDescending(g => g.Contacts.Count).ThenBy(g => g.FirstOrder)
                .ToList();
            var map = committee[0].Assignment.Map;
            var members = committee.Select(c => (c.Assignment.Persona, (IReadOnlyList<string>)c.Contacts)).ToList();
            updates.Add(new HubSpotObjectUpdate(dealId, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [_options.DealPersonasProperty] = FormatCommittee(members, _options.MaxObjectionsPushed),
                [_options.PersonaDataProperty] = HubSpotPersonaData.ForDeal(members, map, _options.MaxObjectionsPushed),
            }));
        }
        var failures = new List<CrmRecordError>();
        foreach (var chunk in updates.Chunk(_client.Deals.MaxBatchSize))
        {
            requests++;
            var result = await _client.Deals.BatchUpdateAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (result.HasErrors) failures.AddRange(Failures("deal", chunk, result));
        }
        if (failures.Count > 0)
        {
            // The other chunks were written meanwhile: a deal deleted since it was read must not stop the rest.
            throw new CrmPartialWriteException(CrmPartialWriteException.Describe(
                $"HubSpot refused {failures.Count} of {updates.Count} deals in POST /crm/v3/objects/deals/batch/update (207):", failures))
            {
                Crm = CrmKind.HubSpot,
                StatusCode = 207,
                ErrorCode = failures[0].Code,
                Request = "POST /crm/v3/objects/deals/batch/update",
                Failures = failures,
                Requests = requests,
                Written = updates.Count - failures.Count,
            };
        }
        return new DealAssignResult(updates.Count, requests);
    }

    /// <summary>
    /// The buying-committee text written onto deals: each persona with how many of the deal's contacts have it, most
    /// contacts first, then its top objections with suggested answers; at most 65,536 characters.
    /// </summary>
    /// <param name="committee">The personas with the contacts that have them.</param>
    /// <param name="maxObjections">How many objections per persona.</param>
    /// <returns>The text (plain text; HubSpot shows it as is).</returns>
    internal static string FormatCommittee(IReadOnlyList<(Persona Persona, IReadOnlyList<string> ContactIds)> committee, int maxObjections)
    {
        ArgumentNullException.ThrowIfNull(committee);
        var sb = new StringBuilder();
        foreach (var (persona, contacts) in committee)
        {
            if (sb.Length > 0) sb.Append("\n\n");
            sb.Append(persona.Name).Append(CultureInfo.InvariantCulture, $" ({contacts.Count} contact{(contacts.Count == 1 ? "" : "s")})");
            var objections = FormatObjections(persona, maxObjections);
            if (objections.Length > 0) sb.Append('\n').Append(objections);
        }
        var text = sb.ToString();
        return text.Length <= MaxTextareaLength ? text : text[..(MaxTextareaLength - 1)] + "…";
    }

    private static bool IsOpen(HubSpotObject deal)
    {
        var closed = deal.Get("hs_is_closed");
        if (!string.IsNullOrEmpty(closed)) return !string.Equals(closed, "true", StringComparison.OrdinalIgnoreCase);
        var stage = deal.Get("dealstage");
        return !string.Equals(stage, "closedwon", StringComparison.OrdinalIgnoreCase) && !string.Equals(stage, "closedlost", StringComparison.OrdinalIgnoreCase);
    }
}
