using System.Text;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.Core.Tests.Analytics;

[TestClass]
public sealed class JourneyEventCsvTests
{
    private const string Header = "customerId,personaId,stageId,touchpointId,timestamp,satisfaction\n";

    private static async Task<List<JourneyEvent>> ReadAsync(string text, string source = "events.csv")
    {
        var list = new List<JourneyEvent>();
        await foreach (var e in JourneyEventCsv.ReadAsync(new StringReader(text), source)) list.Add(e);
        return list;
    }

    private static async Task<JourneyEventFormatException> ReadErrorAsync(string text) =>
        await Assert.ThrowsExactlyAsync<JourneyEventFormatException>(() => ReadAsync(text));

    [TestMethod]
    public async Task ReadAsync_ValidRecords_ParsesEveryField()
    {
        var events = await ReadAsync(Header +
            "c1,lucy,awareness,,2026-01-31T09:30:00Z,\n" +
            "c1,lucy,,pricing-page,2026-02-01T10:00:00.5+02:00,2\n" +
            "\n" +
            " c2 , lucy ,awareness,blog,2026-02-02,5\n");

        Assert.HasCount(3, events);
        Assert.AreEqual(JourneyEvent.AtStage("c1", new PersonaId("lucy"), new StageId("awareness"), new DateTimeOffset(2026, 1, 31, 9, 30, 0, TimeSpan.Zero)), events[0]);
        Assert.AreEqual(new TouchpointId("pricing-page"), events[1].TouchpointId);
        Assert.IsNull(events[1].StageId);
        Assert.AreEqual(new DateTimeOffset(2026, 2, 1, 8, 0, 0, 500, TimeSpan.Zero), events[1].Timestamp.ToUniversalTime());
        Assert.AreEqual(2, events[1].Satisfaction);
        Assert.AreEqual("c2", events[2].CustomerId, "unquoted fields are trimmed");
        Assert.AreEqual(new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero), events[2].Timestamp);
    }

    [TestMethod]
    public async Task ReadAsync_QuotedFields_CommasQuotesAndLineBreaksKept()
    {
        var events = await ReadAsync(Header +
            "\"c,1\",\"say \"\"hi\"\"\",\"two\nlines\",,2026-01-01T00:00:00Z,3\n" +
            "c2,p,s,,2026-01-01T00:00:00Z,\n");

        Assert.AreEqual("c,1", events[0].CustomerId);
        Assert.AreEqual("say \"hi\"", events[0].PersonaId.Value);
        Assert.AreEqual("two\nlines", events[0].StageId!.Value.Value);
        Assert.AreEqual("c2", events[1].CustomerId);
    }

    [TestMethod]
    public async Task ReadAsync_SpacesAroundQuotedField_IgnoredButKeptInside()
    {
        var events = await ReadAsync(Header + "c1,  \" lucy \"  ,s,,2026-01-01,\n");
        Assert.AreEqual(" lucy ", events[0].PersonaId.Value);
    }

    [TestMethod]
    public async Task ReadAsync_ColumnsInOtherOrderWithExtraColumn_FoundByHeaderName()
    {
        var events = await ReadAsync("Timestamp,note,CUSTOMERID,personaId,touchpointId\n2026-01-01T00:00:00Z,anything,c1,p,t1\n");

        Assert.AreEqual("c1", events[0].CustomerId);
        Assert.AreEqual(new TouchpointId("t1"), events[0].TouchpointId);
        Assert.IsNull(events[0].Satisfaction);
    }

    [TestMethod]
    public async Task ReadAsync_BadTimestamp_ErrorNamesFileLineAndColumn()
    {
        var ex = await ReadErrorAsync(Header +
            "c1,p,s,,2026-01-01T00:00:00Z,\n" +
            "c1,p,s,,31/01/2026,\n");

        Assert.AreEqual("events.csv", ex.FileName);
        Assert.AreEqual(3, ex.LineNumber);
        Assert.AreEqual(5, ex.Column);
        Assert.AreEqual("timestamp", ex.ColumnName);
        StringAssert.StartsWith(ex.Message, "events.csv, line 3, column 5 (timestamp): '31/01/2026' is not an ISO-8601 timestamp");
    }

    [TestMethod]
    [DataRow("c1,p,s,,2026-01-01,7", 6, "satisfaction", "'7' is not a satisfaction score")]
    [DataRow("c1,p,s,,2026-01-01,4.5", 6, "satisfaction", "'4.5' is not a satisfaction score")]
    [DataRow("c1,p,,,2026-01-01,", 3, "stageId", "neither a stage id nor a touchpoint id")]
    [DataRow(",p,s,,2026-01-01,", 1, "customerId", "customer id is empty")]
    [DataRow("c1,,s,,2026-01-01,", 2, "personaId", "persona id is empty")]
    [DataRow("c1,p,s,2026-01-01,", 6, "satisfaction", "expected 6 columns as in the header, found 5")]
    [DataRow("c1,p,s,,2026-01-01,,extra", 7, null, "expected 6 columns as in the header, found 7")]
    [DataRow("c1,p\"x,s,,2026-01-01,", 2, "personaId", "a quote inside an unquoted field")]
    [DataRow("c1,\"p\"x,s,,2026-01-01,", 2, "personaId", "unexpected text after a closing quote")]
    public async Task ReadAsync_MalformedRecord_ErrorNamesColumn(string record, int column, string? columnName, string problem)
    {
        var ex = await ReadErrorAsync(Header + record + "\n");

        Assert.AreEqual(2, ex.LineNumber);
        Assert.AreEqual(column, ex.Column);
        Assert.AreEqual(columnName, ex.ColumnName);
        StringAssert.Contains(ex.Message, problem);
        StringAssert.StartsWith(ex.Message, $"events.csv, line 2, column {column}");
    }

    [TestMethod]
    public async Task ReadAsync_ErrorAfterMultiLineRecord_CountsPhysicalLines()
    {
        var ex = await ReadErrorAsync(Header +
            "c1,p,\"a\nb\nc\",,2026-01-01,\n" +
            "c2,p,s,,never,\n");

        Assert.AreEqual(5, ex.LineNumber);
    }

    [TestMethod]
    public async Task ReadAsync_UnclosedQuoteAtEnd_ErrorNamesRecordStart()
    {
        var ex = await ReadErrorAsync(Header + "c1,p,\"open,,2026-01-01,\nmore text\n");

        Assert.AreEqual(2, ex.LineNumber);
        Assert.AreEqual(3, ex.Column);
        StringAssert.Contains(ex.Message, "not closed before the end of the file");
    }

    [TestMethod]
    public async Task ReadAsync_HeaderWithoutTimestamp_ErrorOnLineOne()
    {
        var ex = await ReadErrorAsync("customerId,personaId,stageId\nc1,p,s\n");

        Assert.AreEqual(1, ex.LineNumber);
        StringAssert.Contains(ex.Message, "no 'timestamp' column");
    }

    [TestMethod]
    public async Task ReadAsync_TextWithByteOrderMarkChar_HeaderRecognised()
    {
        var events = await ReadAsync("\uFEFF" + Header + "c1,p,s,,2026-01-01,\n");
        Assert.AreEqual("c1", events[0].CustomerId);
    }

    [TestMethod]
    public async Task ReadAsync_EmptyFile_ErrorAsksForHeader()
    {
        var ex = await ReadErrorAsync("");
        StringAssert.Contains(ex.Message, "the file is empty");
    }

    [TestMethod]
    public async Task ReadAsync_RecordsBeforeError_AreYieldedFirst()
    {
        var seen = new List<JourneyEvent>();
        await Assert.ThrowsExactlyAsync<JourneyEventFormatException>(async () =>
        {
            await foreach (var e in JourneyEventCsv.ReadAsync(new StringReader(Header + "c1,p,s,,2026-01-01,\nc2,p,s,,bad,\n"), "x.csv"))
                seen.Add(e);
        });

        Assert.HasCount(1, seen);
    }

    [TestMethod]
    public async Task WriteAsync_ThenReadAsync_RoundTripsEvents()
    {
        var written = new[]
        {
            new JourneyEvent("c,1", new PersonaId("lucy \"L\""), new StageId("awareness"), new TouchpointId("blog"), new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2)), 4),
            JourneyEvent.AtTouchpoint(" padded ", new PersonaId("p"), new TouchpointId("line\nbreak"), new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero)),
            JourneyEvent.AtStage("c3", new PersonaId("p"), new StageId("s"), new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1), 1),
        };
        var text = new StringWriter();

        long count = await JourneyEventCsv.WriteAsync(text, written);
        var read = await ReadAsync(text.ToString());

        Assert.AreEqual(3, count);
        StringAssert.StartsWith(text.ToString(), JourneyEventCsv.Header);
        CollectionAssert.AreEqual(written, read);
        Assert.AreEqual(TimeSpan.FromHours(2), read[0].Timestamp.Offset, "the offset is kept");
        Assert.AreEqual("c3,p,s,,2026-03-04T05:06:07.0000001Z,1", JourneyEventCsv.Format(written[2]));
    }

    [TestMethod]
    public async Task WriteAsyncWithRecords_ThenReadAsync_RecordsReadBackAndPlainFileUnchanged()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var written = new[]
        {
            JourneyEvent.AtStage("c1", new PersonaId("p"), new StageId("s"), at) with { RecordType = "contact", RecordId = "501" },
            JourneyEvent.AtTouchpoint("c1", new PersonaId("p"), new TouchpointId("call"), at.AddHours(1), 4) with { RecordType = "calls", RecordId = "9,9" },
            JourneyEvent.AtStage("c2", new PersonaId("p"), new StageId("s"), at.AddHours(2)),
        };
        var withRecords = new StringWriter();
        var plain = new StringWriter();

        Assert.AreEqual(3, await JourneyEventCsv.WriteAsync(withRecords, Async(written), withRecords: true));
        await JourneyEventCsv.WriteAsync(plain, Async(written), withRecords: false);
        var read = await ReadAsync(withRecords.ToString());

        StringAssert.StartsWith(withRecords.ToString(), JourneyEventCsv.HeaderWithRecord + Environment.NewLine);
        StringAssert.Contains(withRecords.ToString(), ",calls,\"9,9\"", "a comma in an id is quoted");
        CollectionAssert.AreEqual(written, read);
        Assert.AreEqual("501", read[0].RecordId);
        Assert.IsFalse(read[2].HasRecord, "empty record columns: no record");
        Assert.DoesNotContain("recordType", plain.ToString());
        CollectionAssert.AreEqual(written.Select(e => e with { RecordType = null, RecordId = null }).ToList(), await ReadAsync(plain.ToString()));
    }

    [TestMethod]
    public async Task ReadAsync_RecordColumnTwice_ErrorOnLineOne()
    {
        var error = await ReadErrorAsync("customerId,personaId,stageId,timestamp,recordId,recordId\nc1,p,s,2026-01-01,1,2\n");

        Assert.AreEqual(1, error.LineNumber);
        Assert.AreEqual(6, error.Column);
        StringAssert.Contains(error.Message, "appears twice");
    }

    private static async IAsyncEnumerable<JourneyEvent> Async(IEnumerable<JourneyEvent> events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    [TestMethod]
    public async Task ReadAsync_File_StreamsSimulatedEventsBack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journeykit-events-{Guid.NewGuid():N}.csv");
        try
        {
            var map = AnalyticsSamples.Map();
            var simulated = new JourneyEventSimulator(map, new JourneyEventSimulatorOptions { Customers = 200 }).Generate().ToList();
            await JourneyEventCsv.WriteAsync(path, simulated);

            var read = new List<JourneyEvent>();
            await foreach (var e in JourneyEventCsv.ReadAsync(path)) read.Add(e);

            CollectionAssert.AreEqual(simulated, read);
            var fromFile = await new JourneyAnalyzer(map).AnalyzeAsync(JourneyEventCsv.ReadAsync(path));
            Assert.AreEqual(new JourneyAnalyzer(map).Analyze(simulated).OverallFunnel[1], fromFile.OverallFunnel[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task ReadAsync_Utf8StreamWithBom_HeaderRecognised()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "c1,Léa,s,,2026-01-01,\n")).ToArray();
        var list = new List<JourneyEvent>();
        await foreach (var e in JourneyEventCsv.ReadAsync(new MemoryStream(bytes), "bom.csv")) list.Add(e);

        Assert.AreEqual("Léa", list[0].PersonaId.Value);
    }

    [TestMethod]
    public async Task ReadAsync_MissingFile_ThrowsFileNotFound()
    {
        await Assert.ThrowsExactlyAsync<FileNotFoundException>(async () =>
        {
            await foreach (var _ in JourneyEventCsv.ReadAsync(Path.Combine(Path.GetTempPath(), "no-such-journeykit-file.csv"))) { }
        });
    }

    [TestMethod]
    public async Task ReadAsync_Cancelled_StopsReading()
    {
        using var cts = new CancellationTokenSource();
        var text = Header + string.Concat(Enumerable.Repeat("c1,p,s,,2026-01-01,\n", 100));
        int read = 0;

        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in JourneyEventCsv.ReadAsync(new StringReader(text), "x.csv", cts.Token))
            {
                if (++read == 3) await cts.CancelAsync();
            }
        });

        Assert.AreEqual(3, read);
    }
}
