using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Connectors.Tests.Dataverse;

/// <summary>
/// The audit log as an opt-in stage history (<see cref="CrmJourneyQuery.StageHistory"/>): each audited change of an
/// opportunity's sales stage dates the stage when it was set, where Dataverse keeps no date on the opportunity.
/// </summary>
[TestClass]
public sealed class DataverseAuditHistoryTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SampleCrm Sample => DataverseTestHost.SmallCrm;

    private static DateTimeOffset Second(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static CrmJourneyQuery Query(IEnumerable<SampleContact> contacts, bool history) =>
        new() { ContactIds = [.. contacts.Select(c => c.Guid.ToString("D"))], StageHistory = history, Surveys = false, ContactStages = [] };

    [TestMethod]
    public async Task Events_StageHistory_EverySalesStageDatedWhenTheAuditLogSaysItWasSet()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var source = new DataverseJourneySource(DataverseTestHost.Client(dv));
        var contacts = Sample.Contacts.Take(400).ToList();

        var events = await source.GetJourneyEventsAsync(Query(contacts, history: true), TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        var deals = Sample.Deals.Where(d => contacts.Any(c => c.Id == d.ContactId)).ToList();
        int checkedStages = 0;
        foreach (var deal in deals)
        {
            var first = Sample.Journeys.DealStages[deal.Id].Where(v => DataverseEmulator.SampleSalesStages.ContainsKey(v.StageId))
                .GroupBy(v => DataverseEmulator.SampleSalesStages[v.StageId]).ToDictionary(g => g.Key, g => Second(g.Min(v => v.EnteredAt)));
            int furthest = first.Count == 0 ? 0 : first.Keys.Max();
            for (var stage = 1; stage <= furthest; stage++)
            {
                // A stage skipped over is passed when the next one is set.
                var expected = Enumerable.Range(stage, furthest - stage + 1).Where(first.ContainsKey).Select(s => first[s]).Min();
                var measured = events.Where(e => e.DealId == deal.Guid.ToString("D") && e.Source == "salesstage" && e.Value == DataverseJourneySource.SalesStages[stage]).Min(e => e.Timestamp);
                Assert.AreEqual(expected, measured, $"{deal.Id} stage {stage}");
                checkedStages++;
            }
        }
        Assert.IsGreaterThan(100, checkedStages, "the sample moves opportunities through their stages");

        // Requests: the column's number once, the audit log ⌈D/100⌉, the details ⌈changes/500⌉ batches.
        long changes = source.AuditedStageChanges;
        TestContext.WriteLine($"{contacts.Count} contacts, {deals.Count} opportunities, {changes} audited stage changes: {dv.RequestCount("GET audits")} audit reads, {dv.RequestCount("POST $batch")} batches");
        Assert.IsGreaterThan(0L, changes);
        Assert.AreEqual(DataverseJourneySource.AuditRequests(deals.Count, changes), dv.RequestCount("GET audits") + dv.RequestCount("POST $batch"));
        Assert.IsEmpty(source.ReadNotes);
    }

    [TestMethod]
    public async Task Events_WithoutStageHistory_TheAuditLogIsNotRead()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var source = new DataverseJourneySource(DataverseTestHost.Client(dv));

        var events = await source.GetJourneyEventsAsync(Query(Sample.Contacts.Take(100), history: false), TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        Assert.IsNotEmpty(events);
        Assert.AreEqual(0, dv.RequestCount("GET audits"));
        Assert.AreEqual(0, dv.RequestCount("POST $batch"));
    }

    [TestMethod]
    public async Task Events_AuditLogRefused_StagesDatedWithoutItAndANoteSaysWhy()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        dv.Faults.Add(EmulatorFault.ServerError(403), pathContains: "audits");
        var source = new DataverseJourneySource(DataverseTestHost.Client(dv));
        var contacts = Sample.Contacts.Take(200).ToList();

        var withAudit = await source.GetJourneyEventsAsync(Query(contacts, history: true), TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);
        var without = await new DataverseJourneySource(DataverseTestHost.Client(dv)).GetJourneyEventsAsync(Query(contacts, history: false), TestContext.CancellationToken).ToListAsync(TestContext.CancellationToken);

        CollectionAssert.AreEqual(without.Select(e => (e.RecordId, e.Source, e.Value, e.Timestamp)).ToList(), withAudit.Select(e => (e.RecordId, e.Source, e.Value, e.Timestamp)).ToList());
        StringAssert.Contains(source.ReadNotes.Single(), "prvReadAuditSummary");
        Assert.AreEqual(0L, source.AuditedStageChanges);
    }
}
