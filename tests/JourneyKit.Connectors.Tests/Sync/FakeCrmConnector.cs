using System.Runtime.CompilerServices;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Connectors.Tests.Sync;

/// <summary>An in-memory connector over the sample CRM, for sync-engine tests that do not cross HTTP.</summary>
internal sealed class FakeCrmConnector(SampleCrm crm, CrmKind? crmKind = null, int maxBatch = 100) : ICrmConnector
{
    private readonly CrmKind kind = crmKind ?? CrmKind.HubSpot;

    private readonly Dictionary<string, SampleCompany> _companies = crm.Companies.ToDictionary(c => c.Id);
    private readonly Dictionary<string, SampleContact> _contacts = crm.Contacts.ToDictionary(c => c.Id);

    public CrmKind Crm => kind;
    public int MaxAssignBatchSize => maxBatch;

    /// <summary>Throws after this many members have been streamed in all (simulates a dropped sync).</summary>
    public int? FailAfterMembers { get; set; }

    /// <summary>Throws on this assign call (1-based), before writing anything.</summary>
    public int? FailOnAssignCall { get; set; }

    public int MembersStreamed { get; private set; }
    public int AssignCalls { get; private set; }
    public int UpsertCalls { get; private set; }
    public int SchemaWrites { get; private set; }
    public bool SchemaExists { get; set; }

    /// <summary>What the CRM holds: contact id → persona id, and how many times each contact was written.</summary>
    public Dictionary<string, string> PersonaOfContact { get; } = [];
    public Dictionary<string, int> WritesPerContact { get; } = [];

    public Task<CrmSegment> GetSegmentAsync(string segmentId, CancellationToken cancellationToken = default)
    {
        var s = crm.Segments.FirstOrDefault(x => x.Id == segmentId)
            ?? throw new CrmException($"GET list {segmentId}: not found") { Crm = kind, StatusCode = 404 };
        return Task.FromResult(new CrmSegment(kind, s.Id, s.Name, s.MemberIds.Count, s.IsDynamic));
    }

    public async IAsyncEnumerable<CrmContact> GetSegmentMembersAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var s = crm.Segments.First(x => x.Id == segment.Id);
        foreach (var id in s.MemberIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MembersStreamed == FailAfterMembers) throw new CrmException("connection dropped mid-page") { Crm = kind, IsTransient = true };
            MembersStreamed++;
            await Task.Yield();
            yield return ToContact(_contacts[id]);
        }
    }

    public async IAsyncEnumerable<string> GetSegmentMemberIdsAsync(CrmSegment segment, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var id in crm.Segments.First(x => x.Id == segment.Id).MemberIds) yield return id;
    }

    public async IAsyncEnumerable<ObjectionSignal> GetObjectionSignalsAsync(IReadOnlyCollection<string> contactIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var wanted = contactIds.ToHashSet();
        foreach (var d in crm.Deals.Where(d => d.LostReason is not null && wanted.Contains(d.ContactId)))
            yield return new ObjectionSignal { Crm = kind, RecordType = "deal", RecordId = d.Id, DealId = d.Id, Text = d.LostReason!, ContactIds = [d.ContactId] };
        foreach (var n in crm.Notes.Where(n => wanted.Contains(n.ContactId)))
            yield return new ObjectionSignal { Crm = kind, RecordType = "note", RecordId = n.Id, DealId = n.DealId, Text = n.Body, ContactIds = [n.ContactId] };
    }

    public Task<int> EnsurePushSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (SchemaExists) return Task.FromResult(0);
        SchemaExists = true;
        SchemaWrites++;
        return Task.FromResult(1);
    }

    public Task<int> UpsertPersonaAsync(Persona persona, CancellationToken cancellationToken = default)
    {
        UpsertCalls++;
        return Task.FromResult(kind == CrmKind.Dataverse ? 1 : 0);
    }

    public Task<int> AssignPersonasAsync(IReadOnlyList<PersonaAssignment> assignments, CancellationToken cancellationToken = default)
    {
        if (assignments.Count > maxBatch) throw new ArgumentException("batch too large");
        AssignCalls++;
        if (AssignCalls == FailOnAssignCall) throw new CrmException("503 from the CRM") { Crm = kind, StatusCode = 503, IsTransient = true };
        foreach (var a in assignments)
        {
            PersonaOfContact[a.ContactId] = a.Persona.Id.Value;
            WritesPerContact[a.ContactId] = WritesPerContact.GetValueOrDefault(a.ContactId) + 1;
        }
        return Task.FromResult(1);
    }

    public int EstimatePushRequests(int personas, int objections, int contacts) =>
        (kind == CrmKind.Dataverse ? personas : 0) + (int)Math.Ceiling(contacts / (double)maxBatch);

    private CrmContact ToContact(SampleContact c)
    {
        var company = _companies[c.CompanyId];
        return new CrmContact
        {
            Crm = kind,
            Id = c.Id,
            Gender = c.Gender,
            BirthDate = c.BirthDate,
            JobTitle = c.JobTitle,
            Responsibility = c.Role,
            AnnualIncome = c.AnnualIncome,
            FamilyStatus = c.FamilyStatus,
            Country = c.Country,
            Region = c.State,
            City = c.City,
            CompanyEmployees = company.Employees,
            CompanyRevenue = company.AnnualRevenue,
            Industry = company.Industry,
        };
    }
}
