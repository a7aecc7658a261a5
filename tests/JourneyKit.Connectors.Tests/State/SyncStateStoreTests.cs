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
}
