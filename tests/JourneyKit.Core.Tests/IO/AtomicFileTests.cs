using JourneyKit.IO;

namespace JourneyKit.Core.Tests.IO;

[TestClass]
public sealed class AtomicFileTests
{
    [TestMethod]
    public async Task WriteAsync_WriterThrowsHalfway_OldFileKeptAndNoTemporaryLeft()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jk-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "page.html");
        await File.WriteAllTextAsync(path, "old");

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async w =>
        {
            await w.WriteAsync(new string('x', 200_000));
            throw new InvalidOperationException("renderer failed");
        }));

        Assert.AreEqual("old", await File.ReadAllTextAsync(path));
        CollectionAssert.AreEqual(new[] { "page.html" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task WriteAsync_MissingFolder_CreatesItAndWritesUtf8WithoutBom()
    {
        var path = Path.Combine(Path.GetTempPath(), "jk-atomic-" + Guid.NewGuid().ToString("N"), "sub", "a.txt");
        await AtomicFile.WriteAsync(path, w => w.WriteAsync("Découverte"));
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.AreEqual((byte)'D', bytes[0], "no byte-order mark");
        Assert.AreEqual("Découverte", await File.ReadAllTextAsync(path));
    }

    [TestMethod]
    public async Task WriteAsync_FolderNobodyCanWrite_NamesTheFolderNotTheTemporaryFile()
    {
        // /proc refuses new files even to root, where mode bits would not.
        var ex = await Assert.ThrowsExactlyAsync<IOException>(() => AtomicFile.WriteAsync("/proc/jk-page.html", w => w.WriteAsync("x")));
        StringAssert.Contains(ex.Message, "/proc/jk-page.html");
        StringAssert.Contains(ex.Message, "the folder /proc ");
        Assert.IsFalse(ex.Message.Contains(".tmp", StringComparison.Ordinal), ex.Message);
    }

    [TestMethod]
    public async Task WriteAsync_FolderUnderARegularFile_NamesTheFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jk-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var blocker = Path.Combine(dir, "a-file");
        await File.WriteAllTextAsync(blocker, "x");
        var ex = await Assert.ThrowsExactlyAsync<IOException>(() => AtomicFile.WriteAsync(Path.Combine(blocker, "sub", "a.txt"), w => w.WriteAsync("x")));
        StringAssert.Contains(ex.Message, Path.Combine(blocker, "sub"));
        Assert.AreEqual("x", await File.ReadAllTextAsync(blocker));
    }
}
