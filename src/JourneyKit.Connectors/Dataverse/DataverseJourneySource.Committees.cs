using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Dataverse;

// Buying committees: an opportunity's stakeholders are connection rows (record1 = the opportunity, record2 = a contact)
// with a connection role of category Stakeholder; its primary contact (parentcontactid) sits on it too.
public partial class DataverseJourneySource
{
    /// <summary>The connection-role category of stakeholders (<c>connectionrole.category</c> 1000).</summary>
    public const int StakeholderCategory = 1000;

    private const string Connections = "connections";
    private const string Record1 = "_record1id_value";
    private const string Record2 = "_record2id_value";
    private const string Record2Role = "_record2roleid_value";

    private IReadOnlyDictionary<string, (string Name, int? Category)>? _roles;

    /// <summary>
    /// The organisation's connection roles by id, read once from <c>connectionroles</c>: names differ per organisation,
    /// so they are never hard-coded.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Role id → its name and category.</returns>
    public virtual async Task<IReadOnlyDictionary<string, (string Name, int? Category)>> GetConnectionRolesAsync(CancellationToken cancellationToken = default)
    {
        if (_roles is not null) return _roles;
        var roles = new Dictionary<string, (string, int?)>(StringComparer.OrdinalIgnoreCase);
        var query = new DataverseQuery("connectionroles") { Select = ["connectionroleid", "name", "category"] };
        await foreach (var row in _client.Records.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if ((string?)row["connectionroleid"] is { } id && (string?)row["name"] is { Length: > 0 } name) roles[id] = (name, Int(row, "category"));
        }
        return _roles = roles;
    }

    /// <inheritdoc />
    /// <remarks>
    /// 1 role read; ⌈N/100⌉ opportunity reads by primary contact and ⌈N/100⌉ connection reads by contact (the opportunities
    /// a contact sits on without being their primary contact); then per 100 of the D opportunities found, one read of their
    /// connections (the whole committee) and, for those not read yet, one opportunity read. Roles of the Sales Team
    /// category (1001) are the seller's people, not the buyer's, and are left out.
    /// </remarks>
    public virtual async IAsyncEnumerable<CrmDealCommittee> GetDealCommitteesAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var ids = Distinct(contactIds);
        if (ids.Count == 0) yield break;
        var roles = await GetConnectionRolesAsync(cancellationToken).ConfigureAwait(false);
        var opportunities = new Dictionary<string, Newtonsoft.Json.Linq.JObject>(StringComparer.OrdinalIgnoreCase);
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ids.Select(i => i.Key).Chunk(IdsPerRead))
        {
            await foreach (var row in _client.Records.QueryAsync(OpportunityQuery(DataverseFilter.In(DataverseStandardSchema.OpportunityContact, chunk)), cancellationToken).ConfigureAwait(false))
            {
                var id = (string)row[DataverseStandardSchema.OpportunityId]!;
                opportunities[id] = row;
                if (seen.Add(id)) found.Add(id);
            }
            var byContact = new DataverseQuery(Connections) { Select = [Record1], Filter = DataverseFilter.In(Record2, chunk) };
            await foreach (var row in _client.Records.QueryAsync(byContact, cancellationToken).ConfigureAwait(false))
            {
                if ((string?)row[Record1] is { } id && seen.Add(id)) found.Add(id);
            }
        }

        foreach (var chunk in found.Chunk(IdsPerRead))
        {
            var missing = chunk.Where(id => !opportunities.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                await foreach (var row in _client.Records.QueryAsync(OpportunityQuery(DataverseFilter.In(DataverseStandardSchema.OpportunityId, missing)), cancellationToken).ConfigureAwait(false))
                    opportunities[(string)row[DataverseStandardSchema.OpportunityId]!] = row;
            }
            var members = chunk.ToDictionary(id => id, _ => new List<(string Contact, List<string> Roles)>(), StringComparer.OrdinalIgnoreCase);
            var committee = new DataverseQuery(Connections) { Select = ["connectionid", Record1, Record2, Record2Role], Filter = DataverseFilter.In(Record1, chunk) };
            await foreach (var row in _client.Records.QueryAsync(committee, cancellationToken).ConfigureAwait(false))
            {
                if ((string?)row[Record1] is not { } deal || !members.TryGetValue(deal, out var list) || (string?)row[Record2] is not { } contact) continue;
                string? role = null;
                if ((string?)row[Record2Role] is { } roleId && roles.TryGetValue(roleId, out var r))
                {
                    if (r.Category == 1001) continue;
                    role = r.Name;
                }
                var member = list.FirstOrDefault(m => string.Equals(m.Contact, contact, StringComparison.OrdinalIgnoreCase));
                if (member.Contact is null) list.Add(member = (contact, []));
                if (role is not null && !member.Roles.Contains(role, StringComparer.Ordinal)) member.Roles.Add(role);
            }
            foreach (var id in chunk)
            {
                if (!opportunities.TryGetValue(id, out var row)) continue;
                var list = members[id];
                if ((string?)row[DataverseStandardSchema.OpportunityContact] is { } primary && !list.Any(m => string.Equals(m.Contact, primary, StringComparison.OrdinalIgnoreCase)))
                    list.Insert(0, (primary, []));
                var state = Int(row, DataverseStandardSchema.StateCode);
                cancellationToken.ThrowIfCancellationRequested();
                yield return new CrmDealCommittee
                {
                    Crm = CrmKind.Dataverse,
                    DealId = id,
                    Outcome = state == 1 ? CrmDealOutcome.Won : state == 2 ? CrmDealOutcome.Lost : CrmDealOutcome.Open,
                    ClosedAt = state is 1 or 2 ? Instant(row, DataverseStandardSchema.OpportunityCloseDate) : null,
                    IsCommittee = Int(row, "purchaseprocess") switch { 1 => true, 0 => false, _ => null },
                    Members = [.. list.Select(m => new CrmCommitteeMember(m.Contact, m.Roles))],
                };
            }
        }
    }

    private static DataverseQuery OpportunityQuery(string filter) => new(DataverseStandardSchema.Opportunities)
    {
        Select = [DataverseStandardSchema.OpportunityId, DataverseStandardSchema.OpportunityContact, DataverseStandardSchema.StateCode, DataverseStandardSchema.OpportunityCloseDate, "purchaseprocess"],
        Filter = filter,
    };
}
