using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.Sync;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Cli.Tests;

[TestClass]
public sealed class ProgressTests
{
    [TestMethod]
    public void Board_NoKnownTotal_CountIsNotClampedToAMaximum()
    {
        var board = new ProgressBoard();
        board.Report(new SyncProgress("objections", "lucy", 1, null));
        var row = board.Report(new SyncProgress("objections", "lucy", 498, null));
        Assert.AreEqual(498, row.Value);
        Assert.IsTrue(row.MaxValue >= 498, "a bar's maximum follows its count");
        Assert.IsTrue(row.Indeterminate);
        Assert.AreEqual("498", SyncProgressDisplay.CountText(row.Value, row.MaxValue, row.Total is null, null));
    }

    [TestMethod]
    public void Board_KnownTotal_ShowsCountOfTotal()
    {
        var board = new ProgressBoard();
        var row = board.Report(new SyncProgress("members", "lucy", 120, 600));
        Assert.AreEqual("120/600 · 85/s", SyncProgressDisplay.CountText(row.Value, row.MaxValue, row.Total is null, 85));
        Assert.IsFalse(row.Indeterminate);
    }

    [TestMethod]
    public void Board_Complete_IndeterminateEndsFullAtItsCount()
    {
        var board = new ProgressBoard();
        board.Report(new SyncProgress("assign", null, 5000, null));
        board.Report(new SyncProgress("members", "lucy", 300, 600));
        var rows = board.Complete();
        Assert.AreEqual(5000, rows[0].MaxValue);
        Assert.AreEqual(5000, rows[0].Value);
        Assert.AreEqual(600, rows[1].MaxValue, "a known total stays the maximum");
        Assert.IsTrue(rows.All(r => r.Finished));
    }

    [TestMethod]
    public async Task Display_InATerminal_ShowsTheTitleAndTrueCounts()
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, new FakeTimeProvider(CliRunner.Now), _ => null, interactive: true, terminal: true);

        await SyncProgressDisplay.RunAsync(context, "Populating personas from Dataverse marketing lists…", progress =>
        {
            for (int i = 1; i <= 498; i++) progress.Report(new SyncProgress("objections", "lucy", i, null));
            for (int i = 0; i <= 5000; i += 500) progress.Report(new SyncProgress("assign", null, i, null));
            return Task.FromResult(0);
        });

        var text = System.Text.RegularExpressions.Regex.Replace(error.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", string.Empty);
        StringAssert.Contains(text, "Populating personas from Dataverse marketing lists…");
        StringAssert.Contains(text, "lucy: lost deals and notes");
        StringAssert.Contains(text, "498");
        StringAssert.Contains(text, "5,000");
        Assert.IsFalse(text.Contains("1/1", StringComparison.Ordinal), text);
    }
}
