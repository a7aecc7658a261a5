using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class JourneyEventTests
{
    [TestMethod]
    public void Constructor_NeitherStageNorTouchpoint_Throws()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new JourneyEvent("c", new PersonaId("p"), null, null, DateTimeOffset.UnixEpoch));
        StringAssert.Contains(ex.Message, "neither a stage id nor a touchpoint id");
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(6)]
    public void Constructor_ScoreOutsideOneToFive_Throws(int score) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => JourneyEvent.AtStage("c", new PersonaId("p"), new StageId("s"), DateTimeOffset.UnixEpoch, score));

    [TestMethod]
    public void Properties_RoundTripTheConstructorArguments()
    {
        var e = new JourneyEvent("c", new PersonaId("p"), new StageId("s"), new TouchpointId("t"), DateTimeOffset.UnixEpoch, 5);

        Assert.AreEqual(new StageId("s"), e.StageId);
        Assert.AreEqual(new TouchpointId("t"), e.TouchpointId);
        Assert.AreEqual(5, e.Satisfaction);
        Assert.IsNull(JourneyEvent.AtStage("c", new PersonaId("p"), new StageId("s"), DateTimeOffset.UnixEpoch).Satisfaction);
        Assert.IsNull(JourneyEvent.AtStage("c", new PersonaId("p"), new StageId("s"), DateTimeOffset.UnixEpoch).TouchpointId);
    }

    [TestMethod]
    public void Size_SmallValueType()
    {
        Assert.IsLessThanOrEqualTo(56, System.Runtime.CompilerServices.Unsafe.SizeOf<JourneyEvent>());
    }

    [TestMethod]
    public void Record_SetWithWith_ReadBackAndCompared()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromMinutes(-570)).AddTicks(7);
        var plain = JourneyEvent.AtStage("c", new PersonaId("p"), new StageId("s"), at);
        var traced = plain with { RecordType = "deal", RecordId = "987" };

        Assert.AreEqual(at, traced.Timestamp);
        Assert.AreEqual(at.Offset, traced.Timestamp.Offset, "the offset survives the packed layout");
        Assert.IsFalse(plain.HasRecord);
        Assert.IsNull(plain.RecordType);
        Assert.AreEqual("deal", traced.RecordType);
        Assert.AreEqual("987", traced.RecordId);
        Assert.AreNotEqual(plain, traced);
        Assert.AreEqual(traced, plain with { RecordId = "987", RecordType = "deal" });
        Assert.IsNull((plain with { RecordId = "5" }).RecordType);
        Assert.AreEqual("5", (plain with { RecordId = "5" }).RecordId);
    }
}
