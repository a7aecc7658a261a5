using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Serialization;
using JourneyKit.Validation;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Versioning;

[TestClass]
public sealed class PersonaDriftCalculatorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, long> Counts(params (string Label, long Count)[] counts) => counts.ToDictionary(c => c.Label, c => c.Count);

    private static Distribution Dist(params (string Label, long Count)[] counts) =>
        Distribution.FromCounts(counts.Select(c => new KeyValuePair<string, long>(c.Label, c.Count)));

    private static Persona Lucy(Distribution ages, Distribution? sizes = null, PersonaExpectation? expected = null, params Objection[] objections) => new()
    {
        Id = new PersonaId("lucy"),
        Name = "Lucy",
        Expected = expected,
        Demographics = new Demographics { AgeBands = ages, CompanySizeBands = sizes ?? Distribution.Empty, ContactCount = (int)ages.Total },
        Objections = objections,
    };

    private static Objection Objection(string id, ObjectionCategory category, int count) => new() { Id = new ObjectionId(id), Text = id, Category = category, Count = count };

    [TestMethod]
    public void JensenShannonDistance_KnownValues()
    {
        Assert.AreEqual(0, PersonaDriftCalculator.JensenShannonDistance(Counts(("a", 5), ("b", 5)), Counts(("a", 50), ("b", 50))), 1e-12, "same shares");
        Assert.AreEqual(1, PersonaDriftCalculator.JensenShannonDistance(Counts(("a", 5)), Counts(("b", 7))), 1e-12, "nothing in common");
        // P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4): JSD = 1/2·KL(P‖M) + 1/2·KL(Q‖M) = 1/2·(1/2·log2(2/3) + 1/2·1) + 1/2·log2(4/3).
        double jsd = 0.5 * (0.5 * Math.Log2(2.0 / 3) + 0.5) + 0.5 * Math.Log2(4.0 / 3);
        Assert.AreEqual(Math.Sqrt(jsd), PersonaDriftCalculator.JensenShannonDistance(Counts(("a", 1), ("b", 1)), Counts(("a", 9))), 1e-12);
        Assert.AreEqual(0.558, Math.Sqrt(jsd), 0.001);
        Assert.AreEqual(0, PersonaDriftCalculator.JensenShannonDistance(Counts(), Counts(("a", 1))), "an empty side is not compared");
    }

    [TestMethod]
    public void Measure_FirstPopulate_NoShiftButMismatchAgainstTheExpectation()
    {
        var expected = new PersonaExpectation { AgeBands = ["45-54"], CompanySizeBands = ["50-199"] };
        var now = Lucy(Dist(("45-54", 60), ("35-44", 40)), Dist(("50-199", 20), ("200-999", 80)), expected);

        var drift = PersonaDriftCalculator.Measure(null, 1, now, At)!;

        Assert.IsNull(drift.ComparedWithVersion);
        Assert.AreEqual(At, drift.MeasuredAt);
        var ages = drift.Dimensions.Single(d => d.Name == "ageBands");
        Assert.IsNull(ages.Shift);
        Assert.AreEqual(0.4, ages.Mismatch!.Value, 1e-9);
        var sizes = drift.Dimensions.Single(d => d.Name == "companySizeBands");
        Assert.AreEqual(0.8, sizes.Mismatch!.Value, 1e-9);
        CollectionAssert.AreEqual(new[] { "companySizeBands" }, drift.Drifted.Select(d => d.Name).ToList(), "0.8 is past the 0.5 default, 0.4 is not");
        Assert.IsTrue(drift.HasDrifted);
    }

    [TestMethod]
    public void Measure_SecondPopulate_ShiftAndMovesFromThePreviousVersion()
    {
        var before = Lucy(Dist(("45-54", 70), ("35-44", 30)));
        var after = Lucy(Dist(("45-54", 30), ("35-44", 50), ("25-34", 20)));

        var drift = PersonaDriftCalculator.Measure(before, 4, after, At)!;

        Assert.AreEqual(4, drift.ComparedWithVersion);
        var ages = drift.Dimensions.Single();
        Assert.AreEqual("ageBands", ages.Name);
        Assert.AreEqual(PersonaDriftCalculator.JensenShannonDistance(Counts(("45-54", 70), ("35-44", 30)), Counts(("45-54", 30), ("35-44", 50), ("25-34", 20))), ages.Shift!.Value, 1e-4);
        Assert.IsGreaterThan(0.2, ages.Shift!.Value);
        Assert.IsNull(ages.Mismatch, "nothing was expected");
        // Largest move first; equal moves (25-34 and 35-44, 20 points each) by label.
        CollectionAssert.AreEqual(new[] { new ShareMove("45-54", 0.7, 0.3), new ShareMove("25-34", 0, 0.2), new ShareMove("35-44", 0.3, 0.5) }, ages.Moves.ToList());
        Assert.IsTrue(drift.HasDrifted);
    }

    [TestMethod]
    public void Measure_SameSharesOnARecount_NoDrift()
    {
        var drift = PersonaDriftCalculator.Measure(Lucy(Dist(("45-54", 70), ("35-44", 30))), 2, Lucy(Dist(("45-54", 701), ("35-44", 299))), At)!;

        Assert.IsLessThan(0.01, drift.Dimensions.Single().Shift!.Value);
        Assert.IsEmpty(drift.Dimensions.Single().Moves);
        Assert.IsFalse(drift.HasDrifted);
    }

    [TestMethod]
    public void Measure_TooFewMembers_NotCompared()
    {
        var drift = PersonaDriftCalculator.Measure(Lucy(Dist(("45-54", 10))), 2, Lucy(Dist(("35-44", 12))), At);

        Assert.IsNotNull(drift);
        Assert.IsEmpty(drift.Dimensions, "12 members are below the minimum of 30: their shares are noise");
        Assert.IsFalse(drift.HasDrifted);
    }

    [TestMethod]
    public void Measure_Objections_ByCategoryCounts()
    {
        var expected = new PersonaExpectation { ObjectionCategories = [ObjectionCategory.Price] };
        var before = Lucy(Distribution.Empty, null, expected, Objection("p", ObjectionCategory.Price, 40), Objection("t", ObjectionCategory.Timing, 10));
        var after = Lucy(Distribution.Empty, null, expected, Objection("p", ObjectionCategory.Price, 10), Objection("s", ObjectionCategory.SecurityCompliance, 40));

        var objections = PersonaDriftCalculator.Measure(before, 1, after, At)!.Dimensions.Single();

        Assert.AreEqual(PersonaDriftCalculator.ObjectionsDimension, objections.Name);
        Assert.AreEqual(0.8, objections.Mismatch!.Value, 1e-9);
        Assert.IsGreaterThan(0.5, objections.Shift!.Value);
        CollectionAssert.AreEqual(new[] { "securityCompliance", "price", "timing" }, objections.Moves.Select(m => m.Label).ToList(), "largest move first");
    }

    [TestMethod]
    public void Apply_SetsDriftOnPopulatedPersonasOnly()
    {
        var previous = MapBuilder.Small().Build();
        var lucy = Lucy(Dist(("45-54", 60), ("35-44", 40)));
        var next = previous with { Personas = [lucy, new Persona { Id = new PersonaId("bare"), Name = "Bare" }] };

        var measured = PersonaDriftCalculator.Apply(previous, next, At);

        Assert.IsNotNull(measured.Personas[0].Drift);
        Assert.IsNull(measured.Personas[1].Drift, "no demographics, no objections: nothing to measure");
    }

    [TestMethod]
    public void Json_ExpectationAndDrift_RoundTripWithoutComputedMembers()
    {
        var expected = new PersonaExpectation { AgeBands = ["45-54"], ObjectionCategories = [ObjectionCategory.Price] };
        var persona = Lucy(Dist(("45-54", 60), ("35-44", 40)), null, expected);
        persona = persona with { Drift = PersonaDriftCalculator.Measure(persona, 1, persona, At) };
        var map = MapBuilder.Small().Build() with { Personas = [persona] };

        var json = JourneyMapJson.Serialize(map);
        var back = JourneyMapJson.Deserialize(json);

        StringAssert.Contains(json, "\"expected\": {");
        StringAssert.Contains(json, "\"objectionCategories\": [\n          \"price\"");
        Assert.DoesNotContain("hasDrifted", json);
        Assert.AreEqual(json, JourneyMapJson.Serialize(back));
        CollectionAssert.AreEqual(persona.Drift!.Dimensions.ToList(), back.Personas[0].Drift!.Dimensions.ToList(), new DimensionComparer());
    }

    [TestMethod]
    public void Validate_EmptyExpectedBucket_NamesItsPath()
    {
        var map = MapBuilder.Small().Build();
        map = map with { Personas = [map.Personas[0] with { Expected = new PersonaExpectation { AgeBands = ["45-54", " "] } }] };

        var problem = MapValidator.Validate(map).Problems.Single();

        Assert.AreEqual(ValidationCodes.EmptyExpectation, problem.Code);
        Assert.AreEqual("$.personas[0].expected.ageBands[1]", problem.Path);
    }

    private sealed class DimensionComparer : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => x is DriftDimension a && y is DriftDimension b && a.Name == b.Name && a.Shift == b.Shift
            && a.Mismatch == b.Mismatch && a.Moves.SequenceEqual(b.Moves) ? 0 : 1;
    }
}
