using JourneyKit.Dynamics.Personas;
using JourneyKit.Model;

namespace JourneyKit.EndToEnd.Regressions;

/// <summary>
/// Found by the webhook-handler properties: a company-size label written with non-ASCII digits ("٣-٩", "１０００+")
/// matched the band pattern (<c>\d</c> is any Unicode digit) and then failed <c>int.Parse</c>, so
/// <see cref="PersonaRuleSet.FromMap"/> threw a bare <see cref="FormatException"/> instead of leaving the label out.
/// </summary>
[TestClass]
public sealed class PersonaRuleSetBandTests
{
    private static JourneyMap Map(params string[] labels) => new()
    {
        Id = new MapId("m"),
        Name = "m",
        Personas =
        [
            new Persona
            {
                Id = new PersonaId("lucy"),
                Name = "Lucy",
                Demographics = new Demographics
                {
                    CompanySizeBands = Distribution.FromCounts(labels.Select((l, i) => new KeyValuePair<string, long>(l, 10 + i))),
                },
            },
        ],
    };

    [TestMethod]
    [DataRow("٣-٩")]
    [DataRow("１０００+")]
    [DataRow("५०-१९९")]
    public void FromMap_BandLabelWithNonAsciiDigits_LeftOutNotThrown(string label)
    {
        var rules = PersonaRuleSet.FromMap(Map(label, "50-199"));
        var bands = rules.Profiles.Single().CompanySizes;
        Assert.HasCount(1, bands);
        Assert.AreEqual("50-199", bands[0].Label);
    }

    [TestMethod]
    public void FromMap_AsciiBands_StillRead()
    {
        var rules = PersonaRuleSet.FromMap(Map("1000+", "10 to 49"));
        CollectionAssert.AreEquivalent(new[] { "1000+", "10 to 49" }, rules.Profiles.Single().CompanySizes.Select(b => b.Label).ToArray());
    }
}
