using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Dynamics.Tests.Install;

[TestClass]
public sealed class DataverseWebhookSideTests
{
    private static async Task<(DataverseEmulator Dv, DataverseClient Client)> InstalledAsync()
    {
        var dv = await InstallHost.StartAsync(installed: true);
        var client = InstallHost.Client(dv);
        await new DataverseConnector(client).UpsertPersonaAsync(InstallHost.Lucy());
        dv.ResetCounters();
        return (dv, client);
    }

    [TestMethod]
    public async Task SetContactPersonaAsync_ExistingContact_PatchesLookupByKeyWithIfMatch()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;
        var contact = dv.Sample.Contacts[3].Guid;

        await new DataverseContactPersonaWriter(client).SetContactPersonaAsync(contact, "lucy");

        var request = dv.Requests.Single();
        Assert.AreEqual("PATCH", request.Method);
        StringAssert.EndsWith(request.PathAndQuery, $"contacts({contact:D})");
        StringAssert.Contains(request.Body!, "\"jk_personaid@odata.bind\":\"/jk_personas(jk_key=%27lucy%27)\"");
        Assert.AreEqual((Guid)dv.GetRows("jk_personas").Single()["jk_personaid"]!, dv.GetContactPersonaId(contact));
    }

    [TestMethod]
    public async Task SetContactPersonaAsync_DeletedContact_PermanentAndNothingCreated()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;
        int contacts = dv.GetRows("contacts").Count;

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseContactPersonaWriter(client).SetContactPersonaAsync(Guid.NewGuid(), "lucy"));

        Assert.IsFalse(ex.IsTransient);
        Assert.AreEqual(404, ex.StatusCode);
        StringAssert.Contains(ex.Message, "does not exist");
        Assert.AreEqual(contacts, dv.GetRows("contacts").Count);
    }

    [TestMethod]
    public async Task SetContactPersonaAsync_UnknownPersona_PermanentAndSaysToPush()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseContactPersonaWriter(client).SetContactPersonaAsync(dv.Sample.Contacts[0].Guid, "nobody"));

        Assert.IsFalse(ex.IsTransient);
        StringAssert.Contains(ex.Message, "journeykit push");
    }

    [TestMethod]
    public async Task SetContactPersonaAsync_NotInstalled_PermanentAndSaysToInstall()
    {
        await using var dv = await InstallHost.StartAsync(installed: false);

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseContactPersonaWriter(InstallHost.Client(dv)).SetContactPersonaAsync(dv.Sample.Contacts[0].Guid, "lucy"));

        Assert.IsFalse(ex.IsTransient);
        StringAssert.Contains(ex.Message, "journeykit dynamics install");
    }

    [TestMethod]
    public async Task SetContactPersonaAsync_ServerError_Transient()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;
        dv.Faults.Add(EmulatorFault.ServerError(503), method: "PATCH");

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseContactPersonaWriter(client).SetContactPersonaAsync(dv.Sample.Contacts[0].Guid, "lucy"));

        Assert.IsTrue(ex.IsTransient);
        Assert.AreEqual(503, ex.StatusCode);
    }

    [TestMethod]
    public async Task SetContactPersonaAsync_RateLimited_TransientRateLimit()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;
        dv.Faults.Add(EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(2)), method: "PATCH");

        var ex = await Assert.ThrowsExactlyAsync<CrmRateLimitException>(() => new DataverseContactPersonaWriter(client).SetContactPersonaAsync(dv.Sample.Contacts[0].Guid, "lucy"));

        Assert.IsTrue(ex.IsTransient);
    }

    [TestMethod]
    public async Task GetNumberOfEmployeesAsync_AccountAndMissingAccount()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;
        var company = dv.Sample.Companies[0];
        var reader = new DataverseAccountSizeReader(client);

        Assert.AreEqual(company.Employees, await reader.GetNumberOfEmployeesAsync(company.Guid));
        Assert.IsNull(await reader.GetNumberOfEmployeesAsync(Guid.NewGuid()));
    }

    [TestMethod]
    public async Task HandleAsync_WithDataverseWriter_SetsPersonaOrAsksForRetry()
    {
        var (dv, client) = await InstalledAsync();
        await using var _ = dv;
        var contact = dv.Sample.Contacts[5].Guid;
        var map = SampleMaps.ThreePersonas();
        foreach (var persona in map.Personas) await new DataverseConnector(client).UpsertPersonaAsync(persona);
        var handler = new ContactEventHandler(new PersonaRules(PersonaRuleSet.FromMap(map)), new DataverseContactPersonaWriter(client),
            new ContactEventHandlerOptions { WebhookKey = ContactEventHandlerTests.Key }, new FakeTimeProvider(), null, new DataverseAccountSizeReader(client));
        var body = ContactEventHandlerTests.Payload("contact-create.json").Replace(ContactEventHandlerTests.ContactId.ToString("D"), contact.ToString("D"), StringComparison.OrdinalIgnoreCase);

        var applied = await handler.HandleAsync(ContactEventHandlerTests.Request(body));
        dv.Faults.Add(EmulatorFault.ServerError(503), method: "PATCH");
        var retry = await handler.HandleAsync(ContactEventHandlerTests.Request(body));

        Assert.AreEqual(WebhookOutcome.Applied, applied.Outcome, applied.Message);
        var personaRow = dv.GetRows("jk_personas").Single(p => (string?)p["jk_key"] == applied.PersonaId);
        Assert.AreEqual((Guid)personaRow["jk_personaid"]!, dv.GetContactPersonaId(contact));
        Assert.AreEqual(503, retry.StatusCode, retry.Message);
    }
}

[TestClass]
public sealed class DataverseContactSegmentReaderTests
{
    [TestMethod]
    public async Task GetSegmentIdsAsync_StaticAndDynamicLists_ReturnsTheContactsLists()
    {
        await using var dv = await InstallHost.StartAsync(installed: true);
        var crm = dv.Sample;
        var staticList = crm.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var member = crm.Contacts.Single(c => c.Id == staticList.MemberIds[0]);
        var inCountry = crm.Contacts.First(c => c.Country is not null);
        var elsewhere = crm.Contacts.First(c => c.Country is not null && c.Country != inCountry.Country);
        var dynamicList = Guid.NewGuid();
        dv.AddList(dynamicList, "Everyone in " + inCountry.Country, "<fetch><entity name=\"contact\"><attribute name=\"fullname\" />"
            + $"<filter type=\"and\"><condition attribute=\"address1_country\" operator=\"eq\" value=\"{inCountry.Country}\" /></filter></entity></fetch>");
        var otherStatic = crm.Segments.First(s => !s.IsDynamic && !s.MemberIds.Contains(member.Id));
        var reader = new DataverseContactSegmentReader(InstallHost.Client(dv), [staticList.Guid.ToString(), otherStatic.Guid.ToString(), dynamicList.ToString(), "not-a-guid", Guid.NewGuid().ToString()]);
        dv.ResetCounters();

        var ofMember = await reader.GetSegmentIdsAsync(member.Guid);
        var ofInCountry = await reader.GetSegmentIdsAsync(inCountry.Guid);
        var ofElsewhere = await reader.GetSegmentIdsAsync(elsewhere.Guid);

        Assert.Contains(staticList.Guid.ToString("D"), ofMember);
        Assert.Contains(dynamicList.ToString("D"), ofInCountry);
        Assert.DoesNotContain(dynamicList.ToString("D"), ofElsewhere);
        Assert.DoesNotContain(otherStatic.Guid.ToString("D"), ofMember);
        Assert.IsTrue(ofMember.All(id => id != "not-a-guid"), "only the bound lists, and a deleted list has no members");
    }
}
