using JourneyKit.Core.Tests.TestData;
using JourneyKit.Model;
using JourneyKit.Versioning;

namespace JourneyKit.Core.Tests.Versioning;

[TestClass]
public sealed class MapDiffTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Compare_SameMap_NoChanges()
    {
        var map = TestMaps.FullyPopulated();
        Assert.IsFalse(MapDiff.Compare(map, map).HasChanges);
        Assert.IsFalse(MapDiff.Compare(map, TestMaps.FullyPopulated()).HasChanges, "equal content in new instances is no change");
    }

    [TestMethod]
    public void Compare_AddedAndRemovedElements_ListedWithWholeElementAsJson()
    {
        var before = MapBuilder.Small().Goal("g1").Build();
        var after = MapBuilder.Small().Stage("loyalty").Persona("bob").Goal("g2").Build() with
        {
            Touchpoints = before.Touchpoints.Where(t => t.Id.Value != "blog").ToList(),
        };

        var changes = MapDiff.Compare(before, after).Changes;
        var summary = changes.Select(c => (c.Kind, c.EntityType, c.EntityId)).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                (ChangeKind.Added, EntityTypes.Stage, "loyalty"),
                (ChangeKind.Added, EntityTypes.Persona, "bob"),
                (ChangeKind.Removed, EntityTypes.Touchpoint, "blog"),
                (ChangeKind.Removed, EntityTypes.Goal, "g1"),
                (ChangeKind.Added, EntityTypes.Goal, "g2"),
            },
            summary);
        var removed = changes.Single(c => c.EntityId == "blog");
        Assert.AreEqual("""{"id":"blog","name":"Touchpoint blog","stageId":"awareness","channel":"web","lane":"frontstage"}""", removed.Before);
        Assert.IsNull(removed.After);
        var added = changes.Single(c => c.EntityId == "bob");
        StringAssert.StartsWith(added.After, "{\"id\":\"bob\",\"name\":\"Persona bob\"");
        Assert.AreEqual("Persona bob", added.Name);
    }

    [TestMethod]
    public void Compare_ChangedTouchpoint_PropertyLevelBeforeAndAfter()
    {
        var before = MapBuilder.Small().Build();
        var after = MapBuilder.Small().Build() with
        {
            Touchpoints =
            [
                before.Touchpoints[0],
                before.Touchpoints[1] with { Satisfaction = new Satisfaction(4.25, 60), Channel = Channel.Email, OwnerTeam = "Sales" },
            ],
        };

        var change = MapDiff.Compare(before, after).Changes.Single();
        Assert.AreEqual(ChangeKind.Changed, change.Kind);
        Assert.AreEqual("pricing", change.EntityId);
        CollectionAssert.AreEqual(
            new[]
            {
                new PropertyChange("channel", "\"web\"", "\"email\""),
                new PropertyChange("ownerTeam", null, "\"Sales\""),
                new PropertyChange("satisfaction", """{"score":3.5,"count":40}""", """{"score":4.25,"count":60}"""),
            },
            change.Properties.ToList());
    }

    [TestMethod]
    public void Compare_ObjectionsOfAPersona_ComparedOneByOneWithPersonaSlashId()
    {
        var before = MapBuilder.Small().Build();
        var lucy = before.Personas[0];
        var after = before with
        {
            Personas =
            [
                lucy with
                {
                    Quote = "Show me the numbers.",
                    Objections = [lucy.Objections[0] with { Count = 9, Status = ObjectionStatus.Addressed }, MapBuilder.Objection("no-time", "awareness")],
                },
            ],
        };

        var changes = MapDiff.Compare(before, after).Changes;
        Assert.HasCount(3, changes);
        var persona = changes[0];
        Assert.AreEqual(EntityTypes.Persona, persona.EntityType);
        CollectionAssert.AreEqual(new[] { "quote" }, persona.Properties.Select(p => p.Property).ToArray(), "objections are not a persona property in the diff");

        var changed = changes[1];
        Assert.AreEqual((ChangeKind.Changed, EntityTypes.Objection, "lucy/too-expensive"), (changed.Kind, changed.EntityType, changed.EntityId));
        CollectionAssert.AreEqual(
            new[] { new PropertyChange("count", "3", "9"), new PropertyChange("status", "\"open\"", "\"addressed\"") },
            changed.Properties.ToList());
        Assert.AreEqual((ChangeKind.Added, "lucy/no-time"), (changes[2].Kind, changes[2].EntityId));
    }

    [TestMethod]
    public void Compare_MapProperties_NameComparedButVersionAndTimesNot()
    {
        var before = MapBuilder.Small().Build();
        var after = before with { Name = "Renamed", Version = 9, CreatedAt = At, UpdatedAt = At, ChangeLog = TestMaps.FullyPopulated().ChangeLog };
        var change = MapDiff.Compare(before, after).Changes.Single();
        Assert.AreEqual(EntityTypes.Map, change.EntityType);
        Assert.AreEqual(new PropertyChange("name", "\"Test map\"", "\"Renamed\""), change.Properties.Single());
    }

    [TestMethod]
    public void Compare_ReorderedList_NotAChange()
    {
        var before = MapBuilder.Small().Build();
        var after = before with { Touchpoints = [.. before.Touchpoints.Reverse()] };
        Assert.IsFalse(MapDiff.Compare(before, after).HasChanges);
    }

    [TestMethod]
    public void ToChangeLog_OneEntryPerAddedRemovedElementAndPerChangedProperty()
    {
        var before = MapBuilder.Small().Goal("g1").Build();
        var after = before with
        {
            Goals = [],
            Stages = [before.Stages[0] with { Name = "Discovery", Mindset = "Curious" }, before.Stages[1]],
        };

        var entries = MapDiff.Compare(before, after).ToChangeLog(4, At, "ana");
        Assert.HasCount(3, entries);
        Assert.IsTrue(entries.All(e => e.Version == 4 && e.At == At && e.Author == "ana"));

        var rename = entries[0];
        Assert.AreEqual((ChangeKind.Changed, "stage", "awareness", "name", "\"Stage awareness\"", "\"Discovery\""),
            (rename.Kind, rename.EntityType, rename.EntityId, rename.Property, rename.Before, rename.After));
        Assert.AreEqual("stage 'awareness' (Discovery): name changed", rename.Summary);
        Assert.AreEqual(("mindset", (string?)null, "\"Curious\""), (entries[1].Property, entries[1].Before, entries[1].After));

        var removed = entries[2];
        Assert.AreEqual((ChangeKind.Removed, "goal", "g1", (string?)null), (removed.Kind, removed.EntityType, removed.EntityId, removed.Property));
        Assert.AreEqual("""{"id":"g1","text":"Goal g1"}""", removed.Before);
        Assert.AreEqual("Removed goal 'g1' (Goal g1)", removed.Summary);
    }

    [TestMethod]
    public void NextVersion_Edit_VersionPlusOneUpdatedAtAndEntriesAppended()
    {
        var previous = TestMaps.FullyPopulated();
        var edited = previous with
        {
            Opportunities = [previous.Opportunities[0] with { Impact = Impact.Low }],
            Version = 1,
            ChangeLog = [],
        };

        var next = JourneyMapVersions.NextVersion(previous, edited, At, "populate from hubspot");

        Assert.AreEqual(previous.Version + 1, next.Version);
        Assert.AreEqual(At, next.UpdatedAt);
        Assert.AreEqual(previous.CreatedAt, next.CreatedAt);
        Assert.HasCount(previous.ChangeLog.Count + 1, next.ChangeLog);
        Assert.AreEqual(previous.ChangeLog[0], next.ChangeLog[0], "history is kept even when the edit dropped it");
        var entry = next.ChangeLog[^1];
        Assert.AreEqual((4, "opportunity", "open-pricing", "impact", "\"high\"", "\"low\"", "populate from hubspot"),
            (entry.Version, entry.EntityType, entry.EntityId, entry.Property, entry.Before, entry.After, entry.Author));
        Assert.AreEqual(Impact.Low, next.Opportunities[0].Impact);
    }

    [TestMethod]
    public void NextVersion_NothingChanged_NewVersionWithoutEntries()
    {
        var previous = MapBuilder.Small().Build();
        var next = JourneyMapVersions.NextVersion(previous, previous, At);
        Assert.AreEqual(2, next.Version);
        Assert.IsEmpty(next.ChangeLog);
    }

    [TestMethod]
    public void NextVersion_Twice_ChangeLogGrowsInOrder()
    {
        var v1 = MapBuilder.Small().Build();
        var v2 = JourneyMapVersions.NextVersion(v1, v1 with { Name = "Two" }, At);
        var v3 = JourneyMapVersions.NextVersion(v2, v2 with { Name = "Three" }, At.AddDays(1));
        CollectionAssert.AreEqual(new[] { 2, 3 }, v3.ChangeLog.Select(e => e.Version).ToArray());
        Assert.AreEqual("\"Two\"", v3.ChangeLog[1].Before);
    }
}
