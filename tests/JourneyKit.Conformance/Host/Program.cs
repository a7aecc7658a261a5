using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

// Starts both emulators on real sockets (127.0.0.1, free ports), prints one JSON line with their addresses and
// tokens, and serves until standard input closes: the Node tests spawn this and kill it by closing the pipe.
var crm = SampleCrm.Generate(SampleCrm.DefaultSeed, 300);
await using var hubSpot = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
{
    Sample = crm,
    // The vendors' clients send requests as fast as the tests ask; the limits are not what is checked here.
    RequestsPerWindow = 10_000,
    SearchRequestsPerSecond = 1_000,
});
// Dataverse pages by at most 5,000 rows; a maximum of 100 lets 300 contacts show what happens above it.
const int dataverseMaxPageSize = 100;
await using var dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = crm, MaxPageSize = dataverseMaxPageSize });

var ready = new JObject
{
    ["hubspot"] = new JObject { ["baseUrl"] = hubSpot.BaseUri.ToString().TrimEnd('/'), ["accessToken"] = hubSpot.AccessToken },
    ["dataverse"] = new JObject { ["serverUrl"] = dataverse.BaseUri.ToString(), ["apiUrl"] = dataverse.ApiUri.ToString(), ["accessToken"] = dataverse.AccessToken,
        ["maxPageSize"] = dataverseMaxPageSize, ["userId"] = new DataverseEmulatorOptions().UserId,
    },
    ["sample"] = new JObject
    {
        ["listId"] = crm.Segments[0].Id,
        ["listGuid"] = crm.Segments[0].Guid,
        ["contactOutsideList"] = crm.Contacts.First(c => !crm.Segments[0].MemberIds.Contains(c.Id)).Guid,
        ["accountGuid"] = crm.Companies[1].Guid,
        ["listSize"] = crm.Segments[0].MemberIds.Count,
        ["contactId"] = crm.Contacts[0].Id,
        ["contactGuid"] = crm.Contacts[0].Guid,
        ["contactEmail"] = crm.Contacts[0].Email,
        ["contactCount"] = crm.Contacts.Count,
        ["femaleContacts"] = crm.Contacts.Count(c => c.Gender == "female"),
        ["dealId"] = crm.Deals[0].Id,
        ["dealContactId"] = crm.Deals[0].ContactId,
        ["contactWithoutDeals"] = crm.Contacts.First(c => crm.Deals.All(d => d.ContactId != c.Id)).Id,
    },
};
Console.WriteLine(ready.ToString(Newtonsoft.Json.Formatting.None));
await Console.Out.FlushAsync();
await Console.In.ReadToEndAsync();
