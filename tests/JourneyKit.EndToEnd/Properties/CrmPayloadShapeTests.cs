using CsCheck;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>
/// CRM payloads that change shape — a property answered null or left out, odd values where numbers and dates are
/// expected, columns cleared or typed differently — give a correct result or a clear CRM error, never another exception.
/// </summary>
[TestClass]
public sealed class CrmPayloadShapeTests
{
    private static readonly Lazy<SampleCrm> Small = new(() => SampleCrm.Generate(11, 300));

    private static int Cases => Math.Max(60, Soak.PropertyIterations / 5);

    private static readonly string[] OtherContactProperties = ["email", "firstname", "lastname", "createdate", "lastmodifieddate", "hs_object_id"];

    private static readonly string[] DealAndNoteProperties = ["dealname", "dealstage", "closed_lost_reason", "closedate", "hs_is_closed_lost", "amount", "hs_note_body", "hs_timestamp"];

 /// <summary>Values a free-text HubSpot property may hold where a number, a date or a label is expected.</summary>
    private static readonly string?[] OddValues = [null, "", " ", "abc", "-1", "0", "1e400", "NaN", "2147483647.6", "-2147483648.6", "2147483648", "99999999999999999999999999999999",
            "79228162514264337593543950336", "1,000", "10-50", "5000+", "50-", "-", "+", "1990-02-30", "1990-13-01", "0001-01-01", "9999-12-31", "1700000000000",
            "2024-02-29T00:00:00Z", "٣٤", "１２", "true", "[]", "{}", "\u0000", "<b>x</b>", "2147483647.4", "-2147483648.4", "  42  ", "4.5e3"];

    private static readonly Gen<string?> OddValue = Gen.Frequency((1, (IGen<string?>)Gen.OneOf(OddValues)), (2, Gens.Text.Select(t => (string?)t)));

    [TestMethod]
    public async Task HubSpotMembers_PropertyNullOrMissing_SameResultAndOthersUnchanged()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Small.Value, EnforceRateLimits = false });
        var connector = new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions { BaseUri = hs.BaseUri, AccessToken = hs.AccessToken, Retry = { MaxRetries = 0 }, RequestsPerWindow = 1_000_000 }));
        var segment = Small.Value.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var baseline = await MembersAsync(connector, segment.Id);
        var ids = baseline.Select(c => c.Id).ToArray();
        var baselineSignals = await SignalsAsync(connector, ids);
        Assert.IsNotEmpty(baselineSignals);
        var read = connector.ContactProperties;

        await Gen.Select(Gen.OneOf([.. read, .. OtherContactProperties, .. DealAndNoteProperties]), Gen.Int[0, 3]).SampleAsync(async (property, endpoint) =>
        {
            string? only = endpoint switch
            {
                0 => "POST /crm/v3/objects/contacts/batch/read",
                1 => "POST /crm/v3/objects/deals/batch/read",
                2 => "POST /crm/v3/objects/notes/batch/read",
                _ => null,
            };
            var results = new List<(List<CrmContact> Members, string Signals)>();
            foreach (var fault in new[] { EmulatorFault.NullProperty(property), EmulatorFault.MissingProperty(property) })
            {
                hs.Faults.Add(r => only is null || r.Endpoint == only ? fault : null);
                try
                {
                    results.Add((await MembersAsync(connector, segment.Id), await SignalsAsync(connector, ids)));
                }
                catch (HubSpotException e)
                {
                    Assert.IsFalse(string.IsNullOrWhiteSpace(e.Message));
                    results.Add(([], "error: " + e.Message));
                }
                finally
                {
                    hs.Faults.Clear();
                }
            }
            // A property answered null and the same property left out are the same thing to the connector.
            CollectionAssert.AreEqual(results[0].Members, results[1].Members, $"{property}: null vs missing");
            Assert.AreEqual(results[0].Signals, results[1].Signals, $"{property}: null vs missing");
            // The members are all still there, in the same order; a property the connector does not read changes nothing.
            CollectionAssert.AreEqual(ids, results[0].Members.Select(c => c.Id).ToArray(), property);
            if (!read.Contains(property) && !DealAndNoteProperties.Contains(property))
            {
                CollectionAssert.AreEqual(baseline, results[0].Members, property);
                Assert.AreEqual(baselineSignals, results[0].Signals, property);
            }
        }, iter: Cases, threads: 1);
    }

    [TestMethod]
    public async Task HubSpotMembers_EachOddValueInEveryProperty_EveryMemberRead()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Small.Value, EnforceRateLimits = false });
        var connector = new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions { BaseUri = hs.BaseUri, AccessToken = hs.AccessToken, Retry = { MaxRetries = 0 }, RequestsPerWindow = 1_000_000 }));
        var segment = Small.Value.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var id = segment.MemberIds[0];
        var before = hs.GetContactProperties(id)!.ToDictionary(p => p.Key, p => p.Value);
        foreach (var value in OddValues)
        {
            foreach (var property in connector.ContactProperties) hs.SetProperty("contacts", id, property, value);
            try
            {
                var members = await MembersAsync(connector, segment.Id);
                Assert.HasCount(segment.MemberIds.Count, members, $"'{value}'");
            }
            finally
            {
                foreach (var property in connector.ContactProperties) hs.SetProperty("contacts", id, property, before.GetValueOrDefault(property));
            }
        }
    }

    [TestMethod]
    public async Task HubSpotMembers_OddValuesInEveryProperty_ResultOrHubSpotException()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Small.Value, EnforceRateLimits = false });
        var connector = new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions { BaseUri = hs.BaseUri, AccessToken = hs.AccessToken, Retry = { MaxRetries = 0 }, RequestsPerWindow = 1_000_000 }));
        var segment = Small.Value.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var ids = segment.MemberIds.Take(5).ToArray();

        await Gen.Select(Gen.OneOf([.. connector.ContactProperties]), OddValue, Gen.Int[0, 4]).SampleAsync(async (property, value, who) =>
        {
            var id = ids[who];
            var before = hs.GetContactProperties(id)!.GetValueOrDefault(property);
            hs.SetProperty("contacts", id, property, value);
            try
            {
                var members = await MembersAsync(connector, segment.Id);
                Assert.AreEqual(segment.MemberIds.Count, members.Count, $"{property}='{value}'");
            }
            catch (HubSpotException e)
            {
                StringAssert.Contains(e.Message, property, "a HubSpot error about a value names the property");
            }
            finally
            {
                hs.SetProperty("contacts", id, property, before);
            }
        }, iter: Cases, threads: 1);
    }

    /// <summary>Columns of a contact row the Dataverse connector reads, with values of the right type and of others.</summary>
    private static readonly string[] DataverseColumns = ["gendercode", "birthdate", "jobtitle", "accountrolecode", "annualincome", "familystatuscode", "address1_country", "address1_stateorprovince", "address1_city"];

    /// <summary>A value Dataverse can hold in the column (its type is fixed by the schema): null, an unknown option (custom options start at 100,000,000), odd text, extreme money.</summary>
    private static Gen<object?> DataverseValue(string column) => Gen.Frequency(
        (3, (IGen<object?>)Gen.Const<object?>((object?)null)),
        (2, column switch
        {
            "gendercode" or "accountrolecode" or "familystatuscode" => Gen.OneOf<object?>(0, 1, 2, 3, 4, 5, 100000000, 100000001, int.MaxValue),
            "annualincome" => Gen.OneOf<object?>(0m, -1m, 0.01m, 922337203685477m, 1234567.891m),
            "birthdate" => Gen.OneOf<object?>("1900-01-01", "2024-02-29", "9999-12-31", "0001-01-01", "1985-06-15"),
            _ => Gens.Text.Select(t => (object?)(t.Length > 200 ? t[..200] : t)),
        }));

    [TestMethod]
    public async Task DataverseMembers_ColumnsClearedOrOddValues_SameMembersOthersUnchanged()
    {
        await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = Small.Value });
        var connector = new DataverseConnector(new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken, Retry = { MaxRetries = 0, MaxRateLimitRetries = 0 }, PageSize = 100 }));
        var segment = Small.Value.Segments.First(s => !s.IsDynamic && s.MemberIds.Count > 0);
        var listId = segment.Guid.ToString();
        var members = Small.Value.Contacts.Where(c => segment.MemberIds.Contains(c.Id)).Select(c => c.Guid).ToArray();
        var baseline = await MembersAsync(connector, listId);
        var originals = dv.GetRows("contacts").ToDictionary(r => Guid.Parse((string)r["contactid"]!), r => (JObject)r.DeepClone());
        int cleared = 0;

        await Gen.Select(Gen.Int[0, 10_000], Gen.OneOf(DataverseColumns)).SelectMany(t => DataverseValue(t.Item2).Select(v => (t.Item1, t.Item2, v))).List[1, 4].SampleAsync(async changes =>
        {
            var touched = new HashSet<Guid>();
            foreach (var (who, column, value) in changes)
            {
                var id = members[who % members.Length];
                touched.Add(id);
                dv.SetColumn("contacts", id, column, value);
            }
            try
            {
                var result = await MembersAsync(connector, listId);
                CollectionAssert.AreEqual(baseline.Select(c => c.Id).ToList(), result.Select(c => c.Id).ToList(), "the same members");
                for (int i = 0; i < result.Count; i++)
                {
                    if (!touched.Contains(Guid.Parse(result[i].Id))) Assert.AreEqual(baseline[i], result[i], "an untouched contact reads as before");
                }
                if (changes.All(c => c.Item3 is null))
                {
                    Interlocked.Increment(ref cleared);
                    foreach (var (who, column, _) in changes)
                    {
                        var contact = result.Single(c => c.Id == members[who % members.Length].ToString());
                        Assert.IsNull(Field(contact, column), $"{column} cleared reads as null");
                    }
                }
            }
            finally
            {
                foreach (var id in touched)
                {
                    foreach (var column in DataverseColumns) dv.SetColumn("contacts", id, column, originals[id][column]);
                }
            }
        }, iter: Cases, threads: 1, print: c => string.Join("; ", c.Select(x => $"{x.Item1}.{x.Item2}={x.Item3 ?? "null"}")));
        Assert.IsGreaterThan(0, cleared);
    }

    private static object? Field(CrmContact c, string column) => column switch
    {
        "gendercode" => c.Gender,
        "birthdate" => c.BirthDate,
        "jobtitle" => c.JobTitle,
        "accountrolecode" => c.Responsibility,
        "annualincome" => c.AnnualIncome,
        "familystatuscode" => c.FamilyStatus,
        "address1_country" => c.Country,
        "address1_stateorprovince" => c.Region,
        "address1_city" => c.City,
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static async Task<List<CrmContact>> MembersAsync(ICrmConnector connector, string segmentId)
    {
        var list = new List<CrmContact>();
        await foreach (var c in connector.GetSegmentMembersAsync(await connector.GetSegmentAsync(segmentId))) list.Add(c);
        return list;
    }

    private static async Task<string> SignalsAsync(ICrmConnector connector, string[] ids)
    {
        var lines = new List<string>();
        await foreach (var s in connector.GetObjectionSignalsAsync(ids))
            lines.Add($"{s.RecordType}/{s.RecordId}: {s.Text} [{string.Join(',', s.ContactIds)}] {s.OccurredAt:O} {s.StageHint}");
        return string.Join('\n', lines);
    }
}
