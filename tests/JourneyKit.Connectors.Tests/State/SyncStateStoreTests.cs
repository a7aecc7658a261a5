using JourneyKit.Connectors.State;

namespace JourneyKit.Connectors.Tests.State;

[TestClass]
public sealed class SyncStateStoreTests
{
    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"jk-store-{Guid.NewGuid():N}", "state.db");

    [TestMethod]
    public async Task OpenAsync_FileThatIsNotADatabase_ClearErrorNamingTheFile()
    {
        var path = TempPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "this is not sqlite, just text that is long enough to have a header of sorts ..........");
        var ex = await Assert.ThrowsExactlyAsync<SyncStateException>(() => SyncStateStore.OpenAsync(path));
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public async Task BeginRunAsync_UnfinishedRun_ResumesAndFinishedRunStartsAfresh()
    {
        var path = TempPath();
        var t = DateTimeOffset.UnixEpoch;
        await using (var store = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsFalse(await store.BeginRunAsync("push", "k", t));
            await store.MarkStepDoneAsync("k", "assign:0", "h", t);
        }
        await using (var reopened = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsTrue(await reopened.BeginRunAsync("push", "k", t), "an unfinished run survives a restart");
            Assert.IsTrue(await reopened.IsStepDoneAsync("k", "assign:0", "h"));
            Assert.IsFalse(await reopened.IsStepDoneAsync("k", "assign:0", "other"), "a step done with other content is not done");
            await reopened.CompleteRunAsync("k", t);
            Assert.IsFalse(await reopened.BeginRunAsync("push", "k", t));
            Assert.AreEqual(0, await reopened.CountStepsDoneAsync("k"), "a finished run's checkpoints are dropped when it starts again");
        }
    }

    [TestMethod]
    public async Task BeginRunAsync_UnfinishedRunWithoutAnyCheckpoint_IsNotCalledResumed()
    {
        // A populate that failed on its first request (a wrong token, the CRM down) saved nothing to resume from.
        var path = TempPath();
        var t = DateTimeOffset.UnixEpoch;
        await using (var store = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsFalse(await store.BeginRunAsync("populate", "k", t));
        }
        await using (var reopened = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsFalse(await reopened.BeginRunAsync("populate", "k", t));
            await reopened.SavePersonaProgressAsync("k", "p", ["c1"], "{}", []);
        }
        await using (var third = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsTrue(await third.BeginRunAsync("populate", "k", t), "with a checkpoint it is a resume");
        }
    }

    [TestMethod]
    public async Task MapHistory_KeepsVersionsInOrder()
    {
        await using var store = await SyncStateStore.OpenAsync(TempPath());
        await store.SaveMapVersionAsync("m", 2, "{\"v\":2}", "populate", DateTimeOffset.UnixEpoch);
        await store.SaveMapVersionAsync("m", 1, "{\"v\":1}", null, DateTimeOffset.UnixEpoch);
        var history = await store.GetMapHistoryAsync("m");
        CollectionAssert.AreEqual(new[] { 1, 2 }, history.Select(h => h.Version).ToArray());
        Assert.AreEqual("{\"v\":2}", await store.GetMapVersionJsonAsync("m", 2));
        Assert.IsNull(await store.GetMapVersionJsonAsync("m", 3));
    }

    [TestMethod]
    public async Task CountPersonaContactsAsync_CountsEachContactOnceAcrossCheckpointsAndResumes()
    {
        var path = TempPath();
        var counted = new List<string>();
        await using (var store = await SyncStateStore.OpenAsync(path))
        {
            await store.BeginRunAsync("populate", "k", DateTimeOffset.UnixEpoch);
            int first = await store.CountPersonaContactsAsync("k", "p", ["a", "b", "a"], c => c, counted.Add, () => "{\"n\":2}", []);
            Assert.AreEqual(2, first);
        }
        await using (var reopened = await SyncStateStore.OpenAsync(path))
        {
            // A resumed run: what the first checkpoint counted is not counted again, in this persona only.
            int second = await reopened.CountPersonaContactsAsync("k", "p", ["b", "c"], c => c, counted.Add, () => "{\"n\":3}", ["s1"]);
            Assert.AreEqual(1, second);
            CollectionAssert.AreEqual(new[] { "a", "b", "c" }, counted);
            Assert.AreEqual(1, await reopened.CountPersonaContactsAsync("k", "q", ["a"], c => c, _ => { }, () => "{}", []));
            var checkpoint = await reopened.GetPersonaCheckpointAsync("k", "p");
            Assert.AreEqual("{\"n\":3}", checkpoint!.AggregateJson);
            CollectionAssert.AreEqual(new[] { "s1" }, checkpoint.CompletedSegments.ToArray());
        }
    }

    [TestMethod]
    public async Task OpenAsync_StoreOfTheLastSchema_GainsStageSnapshotsAndKeepsItsRuns()
    {
        var path = TempPath();
        var t = DateTimeOffset.UnixEpoch;
        await using (var store = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsFalse(await store.BeginRunAsync("push", "k", t));
            await store.MarkStepDoneAsync("k", "assign:0", "h", t);
        }
        // As JourneyKit before stage snapshots left it: schema 2, no snapshot table.
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync();
            await using var cmd = old.CreateCommand();
            cmd.CommandText = "DROP TABLE stage_snapshots; PRAGMA user_version = 2;";
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var reopened = await SyncStateStore.OpenAsync(path))
        {
            Assert.IsTrue(await reopened.BeginRunAsync("push", "k", t), "the unfinished run is kept");
            Assert.IsTrue(await reopened.IsStepDoneAsync("k", "assign:0", "h"));
            var seen = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
            await reopened.SaveStageSnapshotsAsync("dataverse", [new StageSnapshot("opp-1", "salesstage", "develop", seen.AddDays(-3), true, seen)], CancellationToken.None);
            var kept = await reopened.GetStageSnapshotsAsync("dataverse", ["opp-1", "opp-2"], CancellationToken.None);
            Assert.AreEqual(new StageSnapshot("opp-1", "salesstage", "develop", seen.AddDays(-3), true, seen), kept.Single());
        }
    }
}
