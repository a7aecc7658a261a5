using System.Xml.Linq;
using JourneyKit.Dynamics.Install;

namespace JourneyKit.Dynamics.Tests.Install;

[TestClass]
public sealed class FormXmlPanelTests
{
    private const string Name = "jk_/objections_panel.html";
    private const string Form = "<form><tabs><tab name=\"SUMMARY_TAB\"><columns /></tab></tabs></form>";

    [TestMethod]
    public void Add_ThenRemove_PanelOnceThenOriginalTabsOnly()
    {
        var added = FormXmlPanel.Add(Form, Name, Guid.NewGuid(), 1033, "contact form 'Contact'");
        var removed = FormXmlPanel.Remove(added, Name, "contact form 'Contact'");

        Assert.IsTrue(FormXmlPanel.Contains(added, Name, "x"));
        Assert.AreEqual(1, XDocument.Parse(added).Descendants("control").Count(c => (string?)c.Element("parameters")?.Element("Url") == Name));
        Assert.AreEqual(12, XDocument.Parse(added).Descendants("tab").Last().Descendants("row").Count(), "the 12-row cell has its rows");
        Assert.IsFalse(FormXmlPanel.Contains(removed, Name, "x"));
        CollectionAssert.AreEqual(new[] { "SUMMARY_TAB" }, XDocument.Parse(removed).Descendants("tab").Select(t => (string?)t.Attribute("name")).ToArray());
    }

    [TestMethod]
    public void Contains_PanelAddedByHandInAnotherTab_True()
    {
        var byHand = "<form><tabs><tab name=\"t\"><columns><column><sections><section><rows><row><cell><control id=\"WebResource_x\" classid=\"{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}\"><parameters><Url>JK_/Objections_Panel.html</Url></parameters></control></cell></row></rows></section></sections></column></columns></tab></tabs></form>";

        Assert.IsTrue(FormXmlPanel.Contains(byHand, Name, "x"), "an admin's own placement counts: no second panel");
    }

    [TestMethod]
    public void Contains_MalformedFormXml_ErrorNamesTheForm()
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => FormXmlPanel.Contains("<form><tabs>", Name, "opportunity form 'Opportunity'"));

        StringAssert.Contains(ex.Message, "opportunity form 'Opportunity'");
    }
}
