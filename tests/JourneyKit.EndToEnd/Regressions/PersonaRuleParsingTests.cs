using JourneyKit.Dynamics.Personas;

namespace JourneyKit.EndToEnd.Regressions;

/// <summary>
/// Found by the rules property: <see cref="PersonaRuleSet.ParseRules"/> let Newtonsoft read "/Date(…)/" and
/// ISO-looking strings as dates, so such a text threw a bare <see cref="ArgumentOutOfRangeException"/> when out of
/// range, and was refused as "not a text" when in range.
/// </summary>
[TestClass]
public sealed class PersonaRuleParsingTests
{
    [TestMethod]
    [DataRow("/Date(253402300799999+1400)/")]
    [DataRow("/Date(-62135596800000-1400)/")]
    [DataRow("/Date(99999999999999999)/")]
    public void ParseRules_DateLikeTextAtTheEndsOfTheCalendar_ReadAsText(string text)
    {
        var rules = PersonaRuleSet.ParseRules($$"""{"rules":[{"personaId":"lucy","jobTitleContains":["{{text}}"]}]}""", "rules.json");
        Assert.AreEqual(text, rules.Single().JobTitleContains.Single());
    }

    [TestMethod]
    public void ParseRules_DateLikePersonaId_ReadAsText()
    {
        var rules = PersonaRuleSet.ParseRules("""{"rules":[{"personaId":"2026-01-31T09:30:00Z","jobTitleContains":["/Date(0)/"]}]}""", "rules.json");
        Assert.AreEqual("2026-01-31T09:30:00Z", rules.Single().PersonaId.Value);
        Assert.AreEqual("/Date(0)/", rules.Single().JobTitleContains.Single());
    }

    [TestMethod]
    public void ParseRules_ContentAfterTheObject_PersonaRuleFormatException()
    {
        var e = Assert.ThrowsExactly<PersonaRuleFormatException>(() => PersonaRuleSet.ParseRules("""{"rules":[]} {"rules":[]}""", "rules.json"));
        StringAssert.StartsWith(e.Message, "rules.json");
        Assert.IsEmpty(PersonaRuleSet.ParseRules("""{"rules":[]} // done""", "rules.json"));
    }
}
