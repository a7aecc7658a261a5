using JourneyKit.Rendering;

namespace JourneyKit.Core.Tests.Rendering;

[TestClass]
public sealed class MapRenderersTests
{
    [TestMethod]
    [DataRow("html", typeof(HtmlMapRenderer), ".html")]
    [DataRow("HTML", typeof(HtmlMapRenderer), ".html")]
    [DataRow(" mermaid ", typeof(MermaidJourneyRenderer), ".mmd")]
    [DataRow("csv", typeof(CsvTouchpointRenderer), ".csv")]
    public void For_KnownFormat_ReturnsItsRenderer(string format, Type expected, string extension)
    {
        var renderer = MapRenderers.For(format);

        Assert.IsInstanceOfType(renderer, expected);
        Assert.AreEqual(format.Trim().ToLowerInvariant(), renderer.Format);
        Assert.AreEqual(extension, renderer.FileExtension);
    }

    [TestMethod]
    public void For_UnknownFormat_ThrowsNamingItAndTheKnownOnes()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => MapRenderers.For("pdf"));

        StringAssert.Contains(ex.Message, "'pdf'");
        StringAssert.Contains(ex.Message, "html, mermaid, csv");
        Assert.AreEqual("format", ex.ParamName);
    }

    [TestMethod]
    public void For_HtmlWithOptions_UsesThem()
    {
        var options = new HtmlRenderOptions { Language = "fr" };

        var renderer = (HtmlMapRenderer)MapRenderers.For("html", options);

        Assert.AreSame(options, renderer.Options);
    }
}
