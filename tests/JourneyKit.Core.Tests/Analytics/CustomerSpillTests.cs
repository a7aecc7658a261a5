using System.Text;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

/// <summary>Customers over the in-flight bound go to a file and come back: figures as if there were no bound.</summary>
[TestClass]
public sealed class CustomerSpillTests
{
    private static JourneyMap Map() => new()
    {
        Id = new MapId("m"),
        Name = "Shop",
        Stages = Enumerable.Range(0, 5).Select(s => new Stage { Id = new StageId($"s{s}"), Name = $"S{s}", Order = s }).ToList(),
        Personas = [new Persona { Id = new PersonaId("p0"), Name = "P0" }, new Persona { Id = new PersonaId("p1"), Name = "P1" }],
        Touchpoints = Enumerable.Range(0, 15).Select(t => new Touchpoint { Id = new TouchpointId($"t{t}"), Name = $"T{t}", StageId = new StageId($"s{t % 5}"), Channel = Channel.Web }).ToList(),
    };

    // Many customers in flight at once: arrivals every minute, about three days in each stage.
    private static List<JourneyEvent> Events(int customers) => new JourneyEventSimulator(Map(), new JourneyEventSimulatorOptions
    {
        Customers = customers,
        ArrivalInterval = TimeSpan.FromMinutes(1),
        Seed = 7,
    }).Generate().ToList();

    // The figures without the first line (counts of customers in flight, released and spilled, which say how the bound worked).
    private static string Figures(JourneyAnalysis analysis) => JourneyEventFilesTests.Figures(analysis).Split('\n', 2)[1];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"jk-spill-{Guid.NewGuid():N}");

    [TestCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void Add_OverTheBound_FiguresAreThoseWithoutABound(int threads)
    {
        var events = Events(20_000);
        var options = new JourneyAnalyzerOptions { InactivityTimeout = TimeSpan.FromDays(20), MaxDegreeOfParallelism = threads };
        var unbounded = new JourneyAnalyzer(Map(), options with { MaxCustomersInFlight = null }).Analyze(events);
        var released = new JourneyAnalyzer(Map(), options with { MaxCustomersInFlight = 500, SpillToDisk = false }).Analyze(events);
        using var analyzer = new JourneyAnalyzer(Map(), options with { MaxCustomersInFlight = 500, SpillDirectory = _directory });

        var spilled = analyzer.Analyze(events);

        Assert.IsGreaterThan(1_000, released.EarlyReleasedCustomers, "the stream has more customers in flight than the bound");
        Assert.AreNotEqual(Figures(unbounded), Figures(released), "releasing early changes the figures");
        Assert.AreEqual(0, spilled.EarlyReleasedCustomers);
        Assert.IsGreaterThan(1_000, spilled.SpilledCustomers);
        Assert.AreEqual(Figures(unbounded), Figures(spilled));
        Assert.AreEqual(unbounded.Journeys, spilled.Journeys);
        Assert.AreEqual(unbounded.CustomersInFlight, spilled.CustomersInFlight, "those whose journey ended in the file are not counted");
        Assert.IsEmpty(Directory.GetFiles(_directory), "the spill file is never visible in the folder");
    }

    [TestMethod]
    public async Task AnalyzeFileAsync_SpillRebuiltManyTimes_FiguresAreThoseWithoutABound()
    {
        // 100,000 customers against a bound of 200: hundreds of runs, merged as they come, leaving out (a short
        // timeout) those whose journey ended while they were in them.
        var events = Events(100_000);
        string path = Path.Combine(Path.GetTempPath(), $"jk-{Guid.NewGuid():N}.csv");
        try
        {
            await JourneyEventCsv.WriteAsync(path, events);
            var options = new JourneyAnalyzerOptions { InactivityTimeout = TimeSpan.FromDays(12), MaxDegreeOfParallelism = 2 };
            var unbounded = await new JourneyAnalyzer(Map(), options with { MaxCustomersInFlight = null }).AnalyzeFileAsync(path);
            using var analyzer = new JourneyAnalyzer(Map(), options with { MaxCustomersInFlight = 200, SpillDirectory = _directory });

            var spilled = await analyzer.AnalyzeFileAsync(path);

            Assert.IsGreaterThan(90_000, spilled.SpilledCustomers);
            Assert.AreEqual(Figures(unbounded), Figures(spilled));
            Assert.AreEqual(unbounded.CustomersInFlight, spilled.CustomersInFlight);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Spill_PutAndTake_GivesBackTheStateOfTheSameIdOnly()
    {
        using var spill = new CustomerSpill(_directory);
        // Ids of 40 bytes sharing their first 32: told apart by their hash. Six runs of 10,000, merged as they come.
        string Long(int i) => new string('x', 32) + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 0; i < 60_000; i++)
        {
            var id = Encoding.UTF8.GetBytes(i % 2 == 0 ? $"c{i}" : Long(i));
            var state = new CustomerTable.Customer { EnteredTicks = i, LastTicks = 1_000_000 + i, Stage = (short)(i % 5), Persona = (ushort)(i % 3) };
            state.LastNode = i % 7 - 1;
            spill.Add(id, AnalyzerShard.Hash64(id), state);
            if (i % 10_000 == 9_999) spill.Flush(cutoff: 0);
        }
        Assert.AreEqual(60_000, spill.Count);
        Assert.IsLessThan(4, spill.Runs, "runs of about the same size are merged");

        for (int i = 59_999; i >= 0; i--)
        {
            var id = Encoding.UTF8.GetBytes(i % 2 == 0 ? $"c{i}" : Long(i));
            var found = default(CustomerTable.Customer);
            Assert.IsTrue(spill.TryTake(id, AnalyzerShard.Hash64(id), ref found), $"customer {i}");
            Assert.AreEqual(i, found.EnteredTicks);
            Assert.AreEqual(1_000_000 + i, found.LastTicks);
            Assert.AreEqual(i % 5, found.Stage);
            Assert.AreEqual(i % 3, found.Persona);
            Assert.AreEqual(i % 7 - 1, found.LastNode);
            Assert.IsFalse(spill.TryTake(id, AnalyzerShard.Hash64(id), ref found), "taken once");
            if (i == 30_000)
            {
                // Half taken back: a merge leaves them out and keeps the rest findable.
                spill.DropEnded(cutoff: 1);
                Assert.AreEqual(1, spill.Runs);
                Assert.AreEqual(30_000, spill.Count);
            }
        }
        Assert.AreEqual(0, spill.Count);
        Assert.AreEqual(0, spill.Runs, "an emptied run's file is closed");
        var other = Encoding.UTF8.GetBytes("c1");
        var none = default(CustomerTable.Customer);
        Assert.IsFalse(spill.TryTake(other, AnalyzerShard.Hash64(other), ref none));
    }

    [TestMethod]
    public void Spill_Merged_DropsThoseWhoseJourneyEnded()
    {
        using var spill = new CustomerSpill(_directory);
        for (int i = 0; i < 46_000; i++)
        {
            var id = Encoding.UTF8.GetBytes($"c{i}");
            spill.Add(id, AnalyzerShard.Hash64(id), new CustomerTable.Customer { LastTicks = i });
        }
        spill.Flush(cutoff: 0);
        var last = Encoding.UTF8.GetBytes("last");
        spill.Add(last, AnalyzerShard.Hash64(last), new CustomerTable.Customer { LastTicks = 50_000 });
        spill.Flush(cutoff: 40_000);
        Assert.AreEqual(2, spill.Runs, "a run of 1 is not merged into one of 46,000");

        spill.DropEnded(40_000);

        Assert.AreEqual(6_001, spill.Count);
        Assert.AreEqual(1, spill.Runs);
        var found = default(CustomerTable.Customer);
        var ended = Encoding.UTF8.GetBytes("c39999");
        Assert.IsFalse(spill.TryTake(ended, AnalyzerShard.Hash64(ended), ref found));
        for (int i = 40_000; i < 46_000; i++)
        {
            var id = Encoding.UTF8.GetBytes($"c{i}");
            Assert.IsTrue(spill.TryTake(id, AnalyzerShard.Hash64(id), ref found), $"c{i}");
            Assert.AreEqual(i, found.LastTicks);
        }
        Assert.IsTrue(spill.TryTake(last, AnalyzerShard.Hash64(last), ref found));
        Assert.AreEqual(0, spill.Count);
    }

    [TestMethod]
    public void Add_SpillFolderCannotBeWritten_ErrorNamesTheFolderAndOption()
    {
        string file = Path.Combine(Path.GetTempPath(), $"jk-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "a file, not a folder");
        try
        {
            string directory = Path.Combine(file, "spill"); // under a file: cannot be created, even by root
            var analyzer = new JourneyAnalyzer(Map(), new JourneyAnalyzerOptions { MaxCustomersInFlight = 2, MaxDegreeOfParallelism = 1, SpillDirectory = directory });
            var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            analyzer.Add(JourneyEvent.AtStage("a", new PersonaId("p0"), new StageId("s0"), t0));
            analyzer.Add(JourneyEvent.AtStage("b", new PersonaId("p0"), new StageId("s0"), t0.AddMinutes(1)));

            var error = Assert.ThrowsExactly<IOException>(() => analyzer.Add(JourneyEvent.AtStage("c", new PersonaId("p0"), new StageId("s0"), t0.AddMinutes(2))));

            StringAssert.Contains(error.Message, directory);
            StringAssert.Contains(error.Message, nameof(JourneyAnalyzerOptions.SpillDirectory));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
