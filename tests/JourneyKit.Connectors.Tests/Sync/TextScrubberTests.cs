using JourneyKit.Connectors.Text;
using JourneyKit.Connectors.Sync;

namespace JourneyKit.Connectors.Tests.Sync;

[TestClass]
public sealed class TextScrubberTests
{
    [TestMethod]
    [DataRow("a < b and c > d")]
    [DataRow("price < 500 € & delivery > 2 weeks")]
    [DataRow("They said: <<too expensive>>")]
    [DataRow("x<3 is what we need, y>4 is not")]
    public void StripHtml_PlainText_LeftAsItIs(string text) => Assert.AreEqual(text, TextScrubber.StripHtml(text));

    [TestMethod]
    public void StripHtml_PlainTextLines_TrimmedAndEmptyLinesDropped() =>
        Assert.AreEqual("first line\nsecond line", TextScrubber.StripHtml("  first   line \n\n second line  "));

    [TestMethod]
    public void StripHtml_Comment_DoesNotLeak() =>
        Assert.AreEqual("Too expensive", TextScrubber.StripHtml("<p>Too <!-- internal: rep thinks <b>discount</b> > 20% --> expensive</p>").Replace("  ", " "));

    [TestMethod]
    public void StripHtml_Cdata_DoesNotLeak() =>
        Assert.AreEqual("Needs SSO", TextScrubber.StripHtml("<div>Needs SSO<![CDATA[ secret <b>payload</b> ]]></div>"));

    [TestMethod]
    public void StripHtml_AttributeWithAngleBracket_DoesNotLeak() =>
        Assert.AreEqual("Ask legal", TextScrubber.StripHtml("<p><a title=\"x > y\" href=\"https://x.test/?a>b\">Ask legal</a></p>"));

    [TestMethod]
    public void StripHtml_HtmlWithComparisonInText_KeepsTheText() =>
        Assert.AreEqual("Budget < 5k and team > 10", TextScrubber.StripHtml("<p>Budget &lt; 5k and team &gt; 10</p>"));

    [TestMethod]
    public void StripHtml_BlocksListsAndScripts_LinesWithoutScript() =>
        Assert.AreEqual("Objections:\nprice\nsecurity\nCall back", TextScrubber.StripHtml(
            "<h3>Objections:</h3><ul><li>price</li><li>security</li></ul><script>alert('x<y')</script><style>p>b{}</style><p>Call&nbsp;back</p>"));

    [TestMethod]
    public void StripHtml_BreakTags_BecomeLines() =>
        Assert.AreEqual("one\ntwo", TextScrubber.StripHtml("one<br>two"));
}
