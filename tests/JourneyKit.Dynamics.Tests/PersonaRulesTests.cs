using JourneyKit.Dynamics.Personas;
using JourneyKit.Model;

namespace JourneyKit.Dynamics.Tests;

[TestClass]
public sealed class PersonaRulesTests
{
    [TestMethod]
    public void FromMap_Demographics_KeepsTopProfessionsWithoutOtherOrUnknown()
    {
        var set = PersonaRuleSet.FromMap(SampleMaps.ThreePersonas());

        var lucy = set.Profiles.Single(p => p.PersonaId == "lucy");
        CollectionAssert.AreEqual(new[] { "Marketing Director", "Head Of Marketing" }, lucy.Professions.ToArray());
        Assert.AreEqual(0.5, lucy.BusinessValue);
    }

    [TestMethod]
    public void FromMap_SizeBands_KeepsMainBandsUntilCoverage()
    {
        var set = PersonaRuleSet.FromMap(SampleMaps.ThreePersonas());

        // lucy: 50-199 (50) + 200-499 (30) = 80 of 85 known: two bands reach 60 %, "Unknown" is ignored.
        var lucy = set.Profiles.Single(p => p.PersonaId == "lucy");
        CollectionAssert.AreEqual(new[] { "50-199", "200-499" }, lucy.CompanySizes.Select(b => b.Label).ToArray());
        // frank: 1000+ alone covers 60 %.
        var frank = set.Profiles.Single(p => p.PersonaId == "frank");
        Assert.AreEqual(new EmployeeBand("1000+", 1000, null), frank.CompanySizes.Single());
    }

    [TestMethod]
    public void Decide_TitleContainsProfessionAsWords_MatchesThatPersona()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas()));

        var decision = rules.Decide(new ContactFacts { JobTitle = "Senior marketing director, EMEA" });

        Assert.IsNotNull(decision);
        Assert.AreEqual(new PersonaId("lucy"), decision.PersonaId);
        StringAssert.Contains(decision.Reason, "Marketing Director");
    }

    [TestMethod]
    public void Decide_ShortProfessionInsideAWord_DoesNotMatch()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas()));

        // frank has the profession "IT": "Digital" must not match it.
        Assert.IsNull(rules.Decide(new ContactFacts { JobTitle = "Digital Explorer" }));
        Assert.AreEqual(new PersonaId("frank"), rules.Decide(new ContactFacts { JobTitle = "Head of IT" })?.PersonaId);
    }

    [TestMethod]
    public void Decide_ProfessionAndBandBeatBandOnlyEvenWithLowerValue()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas()));

        // 5 employees is in sam's band (value 0.8) and in none of lucy's; title + no band for lucy (value 0.5).
        var decision = rules.Decide(new ContactFacts { JobTitle = "Marketing Director", CompanyEmployees = 5 });

        Assert.AreEqual(new PersonaId("lucy"), decision?.PersonaId);
    }

    [TestMethod]
    public void Decide_EqualMatches_RankedByBusinessValue()
    {
        var map = SampleMaps.ThreePersonas();
        var rules = new PersonaRules(PersonaRuleSet.FromMap(map));

        // 100 employees: band 50-199 is main for lucy (0.5) but not for frank (20 %, after 1000+ covers 60 %).
        Assert.AreEqual(new PersonaId("lucy"), rules.Decide(new ContactFacts { CompanyEmployees = 100 })?.PersonaId);
        // Two personas with the same band: the more valuable wins.
        var twin = map with { Personas = [.. map.Personas, SampleMaps.Persona("lea", 0.9, [("Designer", 3)], [("50-199", 10)])] };
        var twinRules = new PersonaRules(PersonaRuleSet.FromMap(twin));
        Assert.AreEqual(new PersonaId("lea"), twinRules.Decide(new ContactFacts { CompanyEmployees = 100 })?.PersonaId);
    }

    [TestMethod]
    public void Decide_ExplicitRule_TakesPrecedenceOverDemographics()
    {
        var rule = new PersonaRule { PersonaId = "frank", JobTitleContains = ["market"], MinEmployees = 1000 };
        var rules = new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas(), [rule]));

        Assert.AreEqual(new PersonaId("frank"), rules.Decide(new ContactFacts { JobTitle = "Marketing Director", CompanyEmployees = 5000 })?.PersonaId);
        // Size unknown: the explicit rule's size condition fails, demographics decide.
        Assert.AreEqual(new PersonaId("lucy"), rules.Decide(new ContactFacts { JobTitle = "Marketing Director" })?.PersonaId);
    }

    private const string FinanceList = "c0ffee00-0000-4000-8000-000000000001";
    private const string FoundersList = "c0ffee00-0000-4000-8000-000000000002";

    private static JourneyMap WithSegments()
    {
        var map = SampleMaps.ThreePersonas();
        return map with
        {
            Personas = map.Personas.Select(p => p.Id.Value switch
            {
                "frank" => p with { Segments = [new SegmentBinding(CrmKind.Dataverse, FinanceList, "Finance buyers"), new SegmentBinding(CrmKind.HubSpot, "42")] },
                "sam" => p with { Segments = [new SegmentBinding(CrmKind.Dataverse, FoundersList)] },
                _ => p,
            }).ToList(),
        };
    }

    [TestMethod]
    public void Decide_MemberOfBoundSegment_BeatsDemographics()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(WithSegments()));

        // The title says lucy, but the contact is in frank's Dataverse list.
        var decision = rules.Decide(new ContactFacts { JobTitle = "Marketing Director", SegmentIds = [FinanceList.ToUpperInvariant(), "other-list"] });

        Assert.IsTrue(rules.UsesSegments);
        Assert.AreEqual(new PersonaId("frank"), decision?.PersonaId);
        StringAssert.Contains(decision!.Reason, "segment");
    }

    [TestMethod]
    public void Decide_MemberOfSeveralBoundSegments_MostValuableWins()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(WithSegments()));

        Assert.AreEqual(new PersonaId("sam"), rules.Decide(new ContactFacts { SegmentIds = [FinanceList, FoundersList] })?.PersonaId);
    }

    [TestMethod]
    public void FromMap_OtherCrmsBindings_NotUsed()
    {
        var set = PersonaRuleSet.FromMap(WithSegments());

        CollectionAssert.AreEqual(new[] { FinanceList }, set.Profiles.Single(p => p.PersonaId == "frank").SegmentIds.ToArray());
        Assert.IsNull(new PersonaRules(set).Decide(new ContactFacts { SegmentIds = ["42"] }));
    }

    [TestMethod]
    public void Decide_ExplicitRule_BeatsSegmentMembership()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(WithSegments(), [new PersonaRule { PersonaId = "lucy", JobTitleContains = ["marketing"] }]));

        Assert.AreEqual(new PersonaId("lucy"), rules.Decide(new ContactFacts { JobTitle = "Marketing lead", SegmentIds = [FinanceList] })?.PersonaId);
    }

    [TestMethod]
    public void Decide_NothingMatches_ReturnsNull()
    {
        var rules = new PersonaRules(PersonaRuleSet.FromMap(SampleMaps.ThreePersonas()));

        Assert.IsNull(rules.Decide(new ContactFacts { JobTitle = "Astronaut", CompanyEmployees = 700 }));
        Assert.IsNull(rules.Decide(new ContactFacts()));
    }

    [TestMethod]
    public void UsesFlags_MapWithoutDemographics_NeedNothing()
    {
        var map = new JourneyMap { Id = "m", Name = "m", Personas = [new Persona { Id = "p", Name = "p" }] };

        var rules = new PersonaRules(PersonaRuleSet.FromMap(map));

        Assert.IsFalse(rules.UsesJobTitle);
        Assert.IsFalse(rules.UsesCompanySize);
    }

    [TestMethod]
    public void ParseRules_ValidFile_ReadsRulesInOrder()
    {
        var rules = PersonaRuleSet.ParseRules("""{"rules":[{"personaId":"frank","jobTitleContains":["CFO","finance"],"minEmployees":500},{"personaId":"sam"}]}""");

        Assert.AreEqual(2, rules.Count);
        CollectionAssert.AreEqual(new[] { "CFO", "finance" }, rules[0].JobTitleContains.ToArray());
        Assert.AreEqual(500, rules[0].MinEmployees);
        Assert.IsNull(rules[0].MaxEmployees);
        Assert.AreEqual(new PersonaId("sam"), rules[1].PersonaId);
    }

    [TestMethod]
    [DataRow("""{"rules":[{"personaId":"x","jobTitle":["a"]}]}""", "$.rules[0].jobTitle")]
    [DataRow("""{"rules":[{"jobTitleContains":["a"]}]}""", "$.rules[0].personaId")]
    [DataRow("""{"rules":[{"personaId":"x","minEmployees":10,"maxEmployees":5}]}""", "$.rules[0]: minEmployees")]
    [DataRow("""{"rules":[{"personaId":"x","jobTitleContains":["ok",""]}]}""", "$.rules[0].jobTitleContains[1]")]
    [DataRow("""{"rules":[{"personaId":"x","minEmployees":-1}]}""", "$.rules[0].minEmployees")]
    [DataRow("""{"rules":[{"personaId":"x"}""", "malformed JSON")]
    [DataRow("""[]""", "\"rules\" array")]
    public void ParseRules_BadFile_ThrowsNamingFileAndPath(string json, string expected)
    {
        var ex = Assert.ThrowsExactly<PersonaRuleFormatException>(() => PersonaRuleSet.ParseRules(json, "rules.json"));

        StringAssert.StartsWith(ex.Message, "rules.json: ");
        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void FromMap_ExplicitRuleForUnknownPersona_Throws()
    {
        var ex = Assert.ThrowsExactly<PersonaRuleFormatException>(() =>
            PersonaRuleSet.FromMap(SampleMaps.ThreePersonas(), [new PersonaRule { PersonaId = "ghost" }]));

        StringAssert.Contains(ex.Message, "rules[0].personaId");
        StringAssert.Contains(ex.Message, "'ghost'");
    }

    [TestMethod]
    public async Task LoadRulesAsync_MissingFile_ThrowsNamingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "jk-no-such-" + Guid.NewGuid() + ".json");

        var ex = await Assert.ThrowsExactlyAsync<PersonaRuleFormatException>(() => PersonaRuleSet.LoadRulesAsync(path));

        StringAssert.StartsWith(ex.Message, path);
    }

    [TestMethod]
    [DataRow("50-199", 50, 199)]
    [DataRow("1000+", 1000, null)]
    [DataRow("10 to 49", 10, 49)]
    public void ParseBand_Labels_ReadsBounds(string label, int min, int? max)
    {
        var band = PersonaRuleSet.ParseBand(label);

        Assert.AreEqual(new EmployeeBand(label, min, max), band);
    }

    [TestMethod]
    [DataRow("Other")]
    [DataRow("large")]
    [DataRow("200-50")]
    public void ParseBand_NotABand_ReturnsNull(string label) => Assert.IsNull(PersonaRuleSet.ParseBand(label));
}
