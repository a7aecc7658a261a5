using System.Text;
using JourneyKit.Model;
using JourneyKit.Rendering;

namespace JourneyKit.Core.Tests.Rendering;

[TestClass]
public sealed class CsvTouchpointRendererTests
{
    [TestMethod]
    public void Render_LucyMap_HeaderThenOneRowPerTouchpointInStageOrder()
    {
        var map = RenderingTestMaps.Lucy();

        var rows = Parse(new CsvTouchpointRenderer().Render(map));

        CollectionAssert.AreEqual(new[]
        {
            "id", "name", "stage_id", "stage_name", "channel", "owner_team", "lane", "satisfaction_score", "score_count",
            "typical_wait_minutes", "pain_points", "opportunities",
        }, rows[0]);
        Assert.HasCount(map.Touchpoints.Count + 1, rows);
        var security = rows.Single(r => r[0] == "security-review");
        CollectionAssert.AreEqual(new[]
        {
            "security-review", "Security questionnaire", "consideration", "Consideration", "Email", "Security", "Frontstage", "1.9", "41",
            "12960", "200 questions answered by hand | IT waits for the SOC 2 report", "Pre-filled questionnaire and trust page",
        }, security);
        var stageOrder = map.Stages.Select(s => s.Id.Value).ToList();
        var order = rows.Skip(1).Select(r => stageOrder.IndexOf(r[2])).ToList();
        CollectionAssert.AreEqual(order.Order().ToList(), order);
    }

    [TestMethod]
    public void Render_CommasQuotesAndNewlines_AreQuotedPerRfc4180()
    {
        var map = Map(new Touchpoint
        {
            Id = "t1", Name = "Pricing, \"new\" page", StageId = "awareness", OwnerTeam = " padded ",
            PainPoints = [new PainPoint("line one\r\nline two")],
        });

        string csv = new CsvTouchpointRenderer().Render(map);

        StringAssert.Contains(csv, ",\"Pricing, \"\"new\"\" page\",");
        StringAssert.Contains(csv, ",\" padded \",");
        StringAssert.Contains(csv, ",\"line one\r\nline two\",");
        Assert.IsTrue(csv.EndsWith("\r\n", StringComparison.Ordinal));
        var rows = Parse(csv);
        Assert.HasCount(2, rows);
        Assert.AreEqual("Pricing, \"new\" page", rows[1][1]);
        Assert.AreEqual("line one\r\nline two", rows[1][10]);
    }

    [TestMethod]
    [DataRow("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [DataRow("+1+cmd|' /C calc'!A0")]
    [DataRow("-2+3")]
    [DataRow("@SUM(A1:A9)")]
    [DataRow("\tTAB")]
    public void Render_FormulaLikeText_IsPrefixedWithApostrophe(string hostile)
    {
        var map = Map(new Touchpoint { Id = hostile, Name = hostile, StageId = "awareness", OwnerTeam = hostile, Opportunities = [hostile] });

        var row = Parse(new CsvTouchpointRenderer().Render(map))[1];

        Assert.AreEqual("'" + hostile, row[0]);
        Assert.AreEqual("'" + hostile, row[1]);
        Assert.AreEqual("'" + hostile, row[5]);
        Assert.AreEqual("'" + hostile, row[11]);
        foreach (var cell in row) Assert.IsFalse(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t', cell);
    }

    [TestMethod]
    public void Render_NumbersUseInvariantCultureAndEmptyWhenUnknown()
    {
        var map = Map(
            new Touchpoint { Id = "a", Name = "A", StageId = "awareness", Satisfaction = new Satisfaction(3.456, 12), TypicalWait = TimeSpan.FromSeconds(90) },
            new Touchpoint { Id = "b", Name = "B", StageId = "awareness" });

        var rows = Parse(new CsvTouchpointRenderer().Render(map));

        CollectionAssert.AreEqual(new[] { "3.46", "12", "1.5" }, rows[1][7..10]);
        CollectionAssert.AreEqual(new[] { "", "", "" }, rows[2][7..10]);
    }

    [TestMethod]
    public async Task RenderAsync_WritesTheSameTextAsRender()
    {
        var map = HtmlMapRendererTests.BigMap();
        var writer = new StringWriter();

        await new CsvTouchpointRenderer().RenderAsync(map, writer);

        Assert.AreEqual(new CsvTouchpointRenderer().Render(map), writer.ToString());
    }

    [TestMethod]
    public void Render_MeasuredMap_MeasuredColumnsSummedOverPersonas()
    {
        var map = Map(
            new Touchpoint { Id = "t1", Name = "Blog", StageId = "awareness" },
            new Touchpoint { Id = "t2", Name = "Demo", StageId = "awareness" }) with
        {
            Measurement = new Measurement
            {
                MeasuredAt = DateTimeOffset.UnixEpoch,
                Personas =
                [
                    new PersonaMeasurement { PersonaId = "a", Touchpoints = [new MeasuredTouchpoint { TouchpointId = "t1", Count = 30, Satisfaction = new Satisfaction(2, 10) }] },
                    new PersonaMeasurement { PersonaId = "b", Touchpoints = [new MeasuredTouchpoint { TouchpointId = "t1", Count = 20, Satisfaction = new Satisfaction(5, 30) }] },
                ],
            },
        };

        var rows = Parse(new CsvTouchpointRenderer().Render(map));

        CollectionAssert.AreEqual(CsvTouchpointRenderer.Columns.Concat(CsvTouchpointRenderer.MeasuredColumns).ToArray(), rows[0]);
        // 50 visits; (2 × 10 + 5 × 30) / 40 = 4.25 over 40 scores; the demo was not met.
        CollectionAssert.AreEqual(new[] { "50", "4.25", "40" }, rows.Single(r => r[0] == "t1")[^3..]);
        CollectionAssert.AreEqual(new[] { "", "", "" }, rows.Single(r => r[0] == "t2")[^3..]);
        Assert.IsTrue(rows.All(r => r.Length == rows[0].Length), "every row has every column");
    }

    private static JourneyMap Map(params Touchpoint[] touchpoints) => new()
    {
        Id = "m", Name = "M", Stages = Templates.JourneyTemplates.FiveStages("en"), Touchpoints = touchpoints,
    };

    /// <summary>A strict RFC 4180 reader, so the tests check what a spreadsheet would read back.</summary>
    private static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        int i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"')
            {
                i++;
                while (true)
                {
                    if (csv[i] == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i += 2; }
                    else if (csv[i] == '"') { i++; break; }
                    else cell.Append(csv[i++]);
                }
            }
            else if (csv[i] == ',') { row.Add(cell.ToString()); cell.Clear(); i++; }
            else if (csv[i] == '\r' && csv[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i += 2; }
            else
            {
                Assert.AreNotEqual('\n', csv[i], "bare LF outside quotes");
                Assert.AreNotEqual('"', csv[i]);
                cell.Append(csv[i++]);
            }
        }
        Assert.AreEqual(0, row.Count + cell.Length, "last line must end with CRLF");
        Assert.IsTrue(rows.All(r => r.Length == rows[0].Length), "every row has as many cells as the header");
        return rows;
    }
}
