using System.Text;
using CsCheck;
using JourneyKit.Analytics;
using JourneyKit.Model;

namespace JourneyKit.EndToEnd.Properties;

/// <summary>Generated journey-event CSV: written events read back the same; any text parses or names its line and column.</summary>
[TestClass]
public sealed class JourneyEventCsvPropertyTests
{
    private const string Source = "events.csv";

    // Any id but "\r" (a line break in a quoted field is read as "\n", as documented) and the empty string.
    private static readonly Gen<string> CsvId = Gens.Text.Select(t => t.Replace("\r", "", StringComparison.Ordinal)).Where(t => t.Length > 0 && t.Length < 500);

    private static readonly Gen<JourneyEvent> Event = Gen.Select(CsvId, CsvId, Gen.Select(Gens.Maybe(CsvId.Select(s => new StageId(s))), Gens.Maybe(CsvId.Select(s => new TouchpointId(s)))).Where(t => t.Item1 is not null || t.Item2 is not null),
        Gen.Select(Gen.DateTime[new DateTime(1, 1, 2), new DateTime(9999, 12, 30)], Gen.Int[-14 * 60, 14 * 60]), Gens.Maybe(Gen.Int[1, 5]),
        (customer, persona, place, when, score) => new JourneyEvent(customer, new PersonaId(persona), place.Item1, place.Item2,
            new DateTimeOffset(DateTime.SpecifyKind(when.Item1, DateTimeKind.Unspecified), TimeSpan.FromMinutes(when.Item2)), score));

    [TestMethod]
    public void WriteThenRead_GeneratedEvents_SameEvents()
    {
        Event.List[0, 20].Sample(events =>
        {
            var csv = new StringWriter { NewLine = "\n" };
            JourneyEventCsv.WriteAsync(csv, events).GetAwaiter().GetResult();
            var read = ReadAll(csv.ToString());
            Assert.HasCount(events.Count, read);
            for (int i = 0; i < events.Count; i++)
            {
                Assert.AreEqual(events[i].CustomerId, read[i].CustomerId);
                Assert.AreEqual(events[i].PersonaId, read[i].PersonaId);
                Assert.AreEqual(events[i].StageId, read[i].StageId);
                Assert.AreEqual(events[i].TouchpointId, read[i].TouchpointId);
                Assert.AreEqual(events[i].Timestamp, read[i].Timestamp);
                Assert.AreEqual(events[i].Timestamp.Offset, read[i].Timestamp.Offset);
                Assert.AreEqual(events[i].Satisfaction, read[i].Satisfaction);
            }
        }, iter: Soak.PropertyIterations, threads: 1);
    }

    private static readonly Gen<string> Field = Gen.Frequency(
        (6, (IGen<string>)Gen.OneOf("c1", "lucy", "awareness", "t-web", "2026-01-31T09:30:00Z", "2026-01-31", "2026-01-31 09:30:00.5+02:00", "3", "5", "")),
        (2, Gen.OneOf("0", "6", "-1", "3.5", "٣", "2026-13-01", "2026-02-30T00:00:00Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "31/01/2026", "NaN")),
        (2, Gens.Text.Select(t => t.Length > 60 ? t[..60] : t)),
        (2, Gens.Text.Select(t => "\"" + (t.Length > 30 ? t[..30] : t) + "\"")),
        (1, Gen.OneOf("\"", "\"\"", "\"a\"b", " \"x\" ", "a\"b", "\"open", "x\r\ny", "\"multi\nline\"")));

    private static readonly Gen<string> Header = Gen.Frequency(
        (5, (IGen<string>)Gen.Const(JourneyEventCsv.Header)),
        (2, Gen.Shuffle(new[] { "customerId", "personaId", "stageId", "touchpointId", "timestamp", "satisfaction", "extra" }).Select(c => string.Join(',', c))),
        (1, Gen.OneOf("", "\uFEFF" + JourneyEventCsv.Header, "CUSTOMERID,PersonaId,StageId,timestamp", "customerId,customerId,personaId,stageId,timestamp", "customerId,personaId,timestamp", "\"customerId,personaId")),
        (1, Field.Array[0, 7].Select(f => string.Join(',', f))));

    [TestMethod]
    public void Read_GeneratedLines_ParsesOrNamesLineAndColumn()
    {
        int parsed = 0, refused = 0;
        Gen.Select(Header, Field.Array[0, 8].Array[0, 6], Gen.OneOf("\n", "\r\n", "\r")).Sample((header, rows, newline) =>
        {
            var text = header + newline + string.Join(newline, rows.Select(r => string.Join(',', r)));
            int physicalLines = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None).Length;
            try
            {
                _ = ReadAll(text);
                Interlocked.Increment(ref parsed);
            }
            catch (JourneyEventFormatException e)
            {
                Interlocked.Increment(ref refused);
                Assert.IsTrue(e.LineNumber >= 1 && e.LineNumber <= physicalLines, $"line {e.LineNumber} of {physicalLines}: {e.Message}");
                // Generated text can hold commas, so a line can have more fields than the generator's 8: the bound is the file's commas.
                int maxColumn = text.Count(c => c == ',') + 1;
                Assert.IsTrue(e.Column >= 0 && e.Column <= maxColumn, $"column {e.Column} of at most {maxColumn}: {e.Message}");
                Assert.AreEqual(Source, e.FileName);
                StringAssert.StartsWith(e.Message, $"{Source}, line {e.LineNumber}");
                if (e.Column > 0) StringAssert.Contains(e.Message, $"column {e.Column}");
                Assert.IsFalse(string.IsNullOrWhiteSpace(e.Problem));
            }
        }, iter: Soak.PropertyIterations, threads: 1, print: t => t.Item1 + "\n" + string.Join("\n", t.Item2.Select(r => string.Join(',', r))));
        Assert.IsGreaterThan(0, parsed, "some generated files parse");
        Assert.IsGreaterThan(0, refused, "some generated files are refused");
    }

    private static List<JourneyEvent> ReadAll(string text) =>
        Task.Run(async () =>
        {
            var list = new List<JourneyEvent>();
            await foreach (var e in JourneyEventCsv.ReadAsync(new StringReader(text), Source)) list.Add(e);
            return list;
        }).GetAwaiter().GetResult();
}
