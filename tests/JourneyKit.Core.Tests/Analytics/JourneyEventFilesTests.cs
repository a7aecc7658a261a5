using System.Globalization;
using System.Text;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class JourneyEventFilesTests
{
    private const string Header = "customerId,personaId,stageId,touchpointId,timestamp,satisfaction\n";

    private static JourneyMap Map() => new()
    {
        Id = new MapId("m"),
        Name = "Shop",
        Stages = Enumerable.Range(0, 5).Select(s => new Stage { Id = new StageId($"s{s}"), Name = $"S{s}", Order = s }).ToList(),
        Personas = [new Persona { Id = new PersonaId("p0"), Name = "P0", BusinessValue = 0.6 }, new Persona { Id = new PersonaId("p1"), Name = "P1", BusinessValue = 0.4 }],
        Touchpoints = Enumerable.Range(0, 15).Select(t => new Touchpoint { Id = new TouchpointId($"t{t}"), Name = $"T{t}", StageId = new StageId($"s{t % 5}"), Channel = Channel.Web }).ToList(),
    };

    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"jk-{Guid.NewGuid():N}{extension}");

    // What must not depend on the format or the thread count: every count, and the histograms (medians, p90).
    internal static string Figures(JourneyAnalysis a)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{a.Events} {a.SkippedEvents} {a.OutOfOrderEvents} {a.Journeys} {a.CustomersInFlight} {a.EarlyReleasedCustomers}\n");
        foreach (var f in a.Funnels)
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.PersonaId} {f.Journeys}:");
            foreach (var s in f.Stages) text.Append(CultureInfo.InvariantCulture, $" {s.Entered}/{s.Converted}/{s.TimeInStage.Count}/{s.TimeInStage.Median}/{s.TimeInStage.P90}");
            text.Append('\n');
        }
        foreach (var t in a.Touchpoints) text.Append(CultureInfo.InvariantCulture, $"{t.TouchpointId} {t.Volume} {string.Join(",", t.ScoreCounts)}\n");
        foreach (var p in a.Paths) text.Append(CultureInfo.InvariantCulture, $"{p.PersonaId}: {string.Join(" ", p.Steps.Select(s => $"{s.TouchpointId?.Value ?? s.StageId.Value}={s.Count}"))}\n");
        foreach (var b in a.Bottlenecks) text.Append(CultureInfo.InvariantCulture, $"{b.PersonaId}/{b.StageId} ");
        return text.ToString();
    }

    [TestMethod]
    public async Task AnalyzeFileAsync_CsvParquetArrowOnOneToThreeThreads_SameFiguresAsEventByEvent()
    {
        var map = Map();
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 3000, Seed = 7, ArrivalInterval = TimeSpan.FromHours(3) }).Generate().ToList();
        var expected = Figures(new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxDegreeOfParallelism = 1 }).Analyze(events));
        StringAssert.Contains(expected, "p1 ", "both personas have journeys");

        var files = new[] { TempFile(".csv"), TempFile(".parquet"), TempFile(".arrow") };
        try
        {
            await JourneyEventCsv.WriteAsync(files[0], events);
            await JourneyEventParquet.WriteAsync(files[1], events);
            await JourneyEventArrow.WriteAsync(files[2], events);
            Assert.AreEqual(JourneyEventFormat.Csv, JourneyEventFiles.Detect(files[0]));
            Assert.AreEqual(JourneyEventFormat.Parquet, JourneyEventFiles.Detect(files[1]));
            Assert.AreEqual(JourneyEventFormat.Arrow, JourneyEventFiles.Detect(files[2]));
            foreach (var file in files)
            {
                for (int threads = 1; threads <= 3; threads++)
                {
                    var analysis = await new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxDegreeOfParallelism = threads }).AnalyzeFileAsync(file);
                    Assert.AreEqual(expected, Figures(analysis), $"{Path.GetExtension(file)} on {threads} threads");
                }
                var streamed = await new JourneyAnalyzer(map).AnalyzeAsync(JourneyEventFiles.ReadAsync(file));
                Assert.AreEqual(expected, Figures(streamed), $"{Path.GetExtension(file)} read as events");
            }
        }
        finally
        {
            foreach (var file in files) File.Delete(file);
        }
    }

    [TestMethod]
    public async Task AnalyzeFileAsync_CsvWithRecordColumns_SameFiguresAsWithout()
    {
        var map = Map();
        var events = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 1500, Seed = 11 }).Generate()
            .Select((e, i) => e with { RecordType = i % 3 == 0 ? "deal" : "contact", RecordId = i.ToString(CultureInfo.InvariantCulture) })
            .ToList();
        var expected = Figures(new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxDegreeOfParallelism = 1 }).Analyze(events));
        var path = TempFile(".csv");
        try
        {
            await JourneyEventCsv.WriteAsync(path, Async(events), withRecords: true);
            StringAssert.StartsWith(await File.ReadAllTextAsync(path), JourneyEventCsv.HeaderWithRecord);

            for (int threads = 1; threads <= 2; threads++)
            {
                var analysis = await new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxDegreeOfParallelism = threads }).AnalyzeFileAsync(path);
                Assert.AreEqual(expected, Figures(analysis), $"on {threads} threads, the record columns are ignored");
            }
            var read = new List<JourneyEvent>();
            await foreach (var e in JourneyEventCsv.ReadAsync(path)) read.Add(e);
            CollectionAssert.AreEqual(events, read, "and read back with each event's record");
        }
        finally
        {
            File.Delete(path);
        }

        static async IAsyncEnumerable<JourneyEvent> Async(IEnumerable<JourneyEvent> all)
        {
            foreach (var e in all)
            {
                await Task.Yield();
                yield return e;
            }
        }
    }

    [TestMethod]
    public async Task WriteThenRead_ParquetAndArrow_SameEventsWithOffsets()
    {
        var t0 = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var events = new[]
        {
            JourneyEvent.AtTouchpoint("c1", new PersonaId("p0"), new TouchpointId("t1"), t0, 4),
            JourneyEvent.AtStage("c,2 \"é\"", new PersonaId("p1"), new StageId("s0"), t0.ToOffset(TimeSpan.FromMinutes(-330))),
            new JourneyEvent("c3", new PersonaId("p0"), new StageId("s1"), new TouchpointId("t1"), t0.ToUniversalTime(), 1),
        };
        foreach (var (write, extension) in new (Func<string, IEnumerable<JourneyEvent>, Task<long>>, string)[]
        {
            ((path, e) => JourneyEventParquet.WriteAsync(path, e), ".parquet"),
            ((path, e) => JourneyEventArrow.WriteAsync(path, e), ".arrow"),
        })
        {
            var path = TempFile(extension);
            try
            {
                Assert.AreEqual(3, await write(path, events));
                var read = new List<JourneyEvent>();
                await foreach (var e in JourneyEventFiles.ReadAsync(path)) read.Add(e);
                CollectionAssert.AreEqual(events, read, extension);
                Assert.AreEqual(TimeSpan.FromMinutes(-330), read[1].Timestamp.Offset, extension);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [TestMethod]
    public async Task AnalyzeFileAsync_MaxErrors_SkipsAndReportsInFileOrderThenStops()
    {
        var map = Map();
        var path = TempFile(".csv");
        try
        {
            var lines = new StringBuilder(Header);
            for (int i = 0; i < 30_000; i++)
            {
                // Bad lines far apart, so that they fall in different chunks read on different threads.
                lines.Append(i % 10_000 == 5 ? $"c{i},p0,s0,,not-a-date,\n" : $"c{i % 500},p0,,t{i % 15},2026-01-01T00:00:{i % 60:00}Z,3\n");
            }
            await File.WriteAllTextAsync(path, lines.ToString());
            var seen = new List<long>();
            var analysis = await new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxDegreeOfParallelism = 2 })
                .AnalyzeFileAsync(path, new JourneyEventReadOptions { MaxErrors = 3, OnError = e => seen.Add(e.LineNumber) });
            CollectionAssert.AreEqual(new long[] { 7, 10_007, 20_007 }, seen);
            Assert.AreEqual(30_000 - 3, analysis.Events);

            seen.Clear();
            var error = await Assert.ThrowsExactlyAsync<JourneyEventFormatException>(() =>
                new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxDegreeOfParallelism = 2 })
                    .AnalyzeFileAsync(path, new JourneyEventReadOptions { MaxErrors = 2, OnError = e => seen.Add(e.LineNumber) }));
            Assert.AreEqual(20_007, error.LineNumber);
            Assert.AreEqual(5, error.Column);
            CollectionAssert.AreEqual(new long[] { 7, 10_007 }, seen);

            var stopped = await Assert.ThrowsExactlyAsync<JourneyEventFormatException>(() => new JourneyAnalyzer(map).AnalyzeFileAsync(path));
            Assert.AreEqual(7, stopped.LineNumber, "by default the first malformed record stops the reading");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task ReadAsync_MaxErrors_EventsAroundBadLinesKept()
    {
        var text = Header + "c1,p0,s0,,2026-01-01,\nc2,p0,s0,,31/01/2026,\nc3,p0,s0,,2026-01-02,9\nc4,p0,s0,,2026-01-03,\n";
        var errors = new List<JourneyEventFormatException>();
        var read = new List<string>();
        await foreach (var e in JourneyEventCsv.ReadAsync(new StringReader(text), "x.csv", new JourneyEventReadOptions { MaxErrors = 5, OnError = errors.Add })) read.Add(e.CustomerId);
        CollectionAssert.AreEqual(new[] { "c1", "c4" }, read);
        CollectionAssert.AreEqual(new long[] { 3, 4 }, errors.Select(e => e.LineNumber).ToArray());
        Assert.AreEqual("satisfaction", errors[1].ColumnName);
    }

    [TestMethod]
    public async Task ReadAsync_QuotedLineBreaksAcrossChunks_RecordsAndLinesKept()
    {
        // Records with quoted line breaks and doubled quotes, over many 64 KB chunks, with every line-break style.
        var text = new StringBuilder(Header);
        int n = 20_000;
        for (int i = 0; i < n; i++)
        {
            string breakStyle = (i % 3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" };
            text.Append(CultureInfo.InvariantCulture, $"\"c{i}{breakStyle}x\",\"p \"\"{i % 7}\"\"\",s{i % 5},,2026-01-01T00:00:00Z,{i % 5 + 1}{breakStyle}");
        }
        text.Append("c-last,p0,s0,,2026-01-01T00:00:00Z,9"); // malformed, on the last line
        var events = new List<JourneyEvent>();
        var error = await Assert.ThrowsExactlyAsync<JourneyEventFormatException>(async () =>
        {
            await foreach (var e in JourneyEventCsv.ReadAsync(new StringReader(text.ToString()), "x.csv")) events.Add(e);
        });
        Assert.HasCount(n, events);
        Assert.AreEqual("c19999\nx", events[^1].CustomerId);
        Assert.AreEqual("p \"0\"", events[^1].PersonaId.Value);
        Assert.AreEqual(1 + 2 * n + 1, error.LineNumber);

        // The same bytes from a UTF-8 stream (the file path) give the same events.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        int count = 0;
        await foreach (var e in JourneyEventCsv.ReadAsync(stream, "x.csv", new JourneyEventReadOptions { MaxErrors = 1 }))
        {
            Assert.AreEqual(events[count].CustomerId, e.CustomerId);
            count++;
        }
        Assert.AreEqual(n, count);
    }

    [TestMethod]
    public void Add_MoreCustomersThanTheBound_OldestReleasedEarlyAndCounted()
    {
        var map = Map();
        var analyzer = new JourneyAnalyzer(map, new JourneyAnalyzerOptions { MaxCustomersInFlight = 2, MaxDegreeOfParallelism = 1, SpillToDisk = false });
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        analyzer.Add(JourneyEvent.AtStage("a", new PersonaId("p0"), new StageId("s0"), t0));
        analyzer.Add(JourneyEvent.AtStage("b", new PersonaId("p0"), new StageId("s0"), t0.AddMinutes(1)));
        analyzer.Add(JourneyEvent.AtStage("c", new PersonaId("p0"), new StageId("s0"), t0.AddMinutes(2)));
        Assert.AreEqual(2, analyzer.InFlightCustomers);
        analyzer.Add(JourneyEvent.AtStage("a", new PersonaId("p0"), new StageId("s1"), t0.AddMinutes(3)));
        var analysis = analyzer.GetAnalysis();
        Assert.AreEqual(2, analysis.EarlyReleasedCustomers, "a, then b");
        Assert.AreEqual(4, analysis.Journeys, "a came back after being released: a new journey");
        Assert.AreEqual(0, analysis.OverallFunnel[0].Converted, "a's first journey ended in s0");
    }

    [TestMethod]
    public async Task AnalyzeFileAsync_MissingColumnInParquet_NamesTheFile()
    {
        var path = TempFile(".parquet");
        try
        {
            await JourneyEventParquet.WriteAsync(path, [JourneyEvent.AtStage("c1", new PersonaId("p0"), new StageId("s0"), DateTimeOffset.UnixEpoch)]);
            var analysis = await new JourneyAnalyzer(Map()).AnalyzeFileAsync(path);
            Assert.AreEqual(1, analysis.Journeys);
            await File.WriteAllBytesAsync(path, Encoding.ASCII.GetBytes("PAR1 not really"));
            var error = await Assert.ThrowsExactlyAsync<JourneyEventFormatException>(() => new JourneyAnalyzer(Map()).AnalyzeFileAsync(path));
            StringAssert.StartsWith(error.Message, Path.GetFileName(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Iso8601_FastPathAndStrictParserAgree()
    {
        var texts = new List<string> { "2026-01-31T09:30:00Z", "2026-01-31", "2026-01-31 09:30:00.5+02:00", "2026-01-31T09:30Z", "2024-02-29T23:59:59.9999999-14:00",
            "2026-02-29T00:00:00Z", "2026-13-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-01-31T24:00:00Z", "2026-01-31T09:30:00.Z",
            "2026-01-31T09:30:00.12345678Z", "2026-01-31 09:30", "2026-01-31T09:30:00+0200", "2026-1-31", "٢٠٢٦-01-31", "2026-01-31T09:30:00+14:01" };
        var random = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            var chars = "2026-01-31T09:30:00.1234567+02:00".ToCharArray();
            chars[random.Next(chars.Length)] = "0123456789:-+.TZ "[random.Next(17)];
            texts.Add(new string(chars, 0, random.Next(10, chars.Length + 1)));
        }
        foreach (var text in texts)
        {
            bool strict = DateTimeOffset.TryParseExact(text, Iso8601.Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected);
            bool ours = Iso8601.TryParse(text.AsSpan(), out long ticks, out int offset);
            bool oursBytes = Iso8601.TryParse((ReadOnlySpan<byte>)Encoding.UTF8.GetBytes(text), out long ticksBytes, out int offsetBytes);
            Assert.AreEqual(strict, ours, text);
            Assert.AreEqual(strict, oursBytes, text);
            if (!strict) continue;
            Assert.AreEqual(expected.UtcTicks, ticks, text);
            Assert.AreEqual((int)expected.Offset.TotalMinutes, offset, text);
            Assert.AreEqual(ticks, ticksBytes, text);
            Assert.AreEqual(offset, offsetBytes, text);
        }
    }
}
