using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseConnectorOptionsTests
{
    [TestMethod]
    public async Task GetSegmentMembersAsync_StaticAndDynamicLists_ReadTheConfiguredColumnsInTheSameRequests()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var connector = new DataverseConnector(DataverseTestHost.Client(dv), new DataverseConnectorOptions { JobTitleColumn = "fullname", FamilyStatusColumn = null });

        foreach (var segment in new[] { dv.Sample.Segments.First(s => !s.IsDynamic), dv.Sample.Segments.First(s => s.IsDynamic) })
        {
            dv.ResetCounters();
            var members = new List<CrmContact>();
            await foreach (var c in connector.GetSegmentMembersAsync(segment.Guid.ToString())) members.Add(c);

            Assert.IsTrue(members.Count > 0, segment.Name);
            foreach (var member in members)
            {
                var sample = dv.Sample.Contacts.Single(c => c.Guid.ToString("D") == member.Id);
                Assert.AreEqual(sample.FirstName + " " + sample.LastName, member.JobTitle, "the job title came from the configured column");
                Assert.IsNull(member.FamilyStatus, "a column set to null is not read");
            }
            Assert.AreEqual(2, dv.TotalRequests, $"{segment.Name}: the list and one page of members, as with the default columns");
            Assert.IsTrue(dv.Requests[1].DecodedPathAndQuery.Contains("fullname", StringComparison.Ordinal), dv.Requests[1].PathAndQuery);
            Assert.IsFalse(dv.Requests[1].DecodedPathAndQuery.Contains("familystatuscode", StringComparison.Ordinal), dv.Requests[1].PathAndQuery);
        }
    }

    [TestMethod]
    public void Constructor_EmptyRequiredColumn_ArgumentExceptionNamingIt()
    {
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = new Uri("https://contoso.crm4.dynamics.com/"), AccessToken = "test-token" });

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new DataverseConnector(client, new DataverseConnectorOptions { CityColumn = " " }));

        StringAssert.Contains(ex.Message, "CityColumn");
    }
}
