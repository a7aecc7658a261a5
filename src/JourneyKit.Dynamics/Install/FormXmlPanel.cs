using System.Xml;
using System.Xml.Linq;
using JourneyKit.Connectors.Dataverse.Schema;

namespace JourneyKit.Dynamics.Install;

/// <summary>Adds the objections panel to a form's FormXml (a tab with one section holding a web resource control) and takes it out again.</summary>
internal static class FormXmlPanel
{
    public const string TabName = JourneyKitSchema.FormTabName;
    public const string ControlId = JourneyKitSchema.FormControlId;

    // The classid of a web resource (HTML) control in FormXml.
    private const string WebResourceClassId = "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}";

    /// <summary>Whether the form already shows the panel (our tab, or any control showing the web resource).</summary>
    public static bool Contains(string formXml, string webResourceName, string where)
    {
        var form = Parse(formXml, where);
        return form.Descendants("tab").Any(t => (string?)t.Attribute("name") == TabName)
            || form.Descendants("control").Any(c => (string?)c.Attribute("id") == ControlId
                || string.Equals((string?)c.Element("parameters")?.Element("Url"), webResourceName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The FormXml with the panel's tab appended after the existing tabs.</summary>
    public static string Add(string formXml, string webResourceName, Guid? webResourceId, int languageCode, string where, string? data = null)
    {
        var form = Parse(formXml, where);
        var root = form.Root!;
        var tabs = root.Element("tabs");
        if (tabs is null)
        {
            tabs = new XElement("tabs");
            root.AddFirst(tabs);
        }
        var lang = languageCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        XElement Labels(string text) => new("labels", new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", lang)));
        var parameters = new XElement("parameters",
            new XElement("Url", webResourceName),
            new XElement("PassParameters", "true"),
            new XElement("ShowOnMobileClient", "true"),
            new XElement("Security", "false"),
            new XElement("Scrolling", "auto"),
            new XElement("Border", "false"));
        if (webResourceId is { } id) parameters.Add(new XElement("WebResourceId", "{" + id.ToString("D").ToUpperInvariant() + "}"));
        // The custom parameter: Dynamics passes it to the page as ?data=….
        if (data is not null) parameters.Add(new XElement("Data", data));
        var control = new XElement("control", new XAttribute("id", ControlId), new XAttribute("classid", WebResourceClassId), parameters);
        var cell = new XElement("cell", new XAttribute("id", Braced(Guid.NewGuid())), new XAttribute("showlabel", "false"),
            new XAttribute("rowspan", "12"), new XAttribute("colspan", "1"), new XAttribute("auto", "false"), Labels("Objections to expect"), control);
        // The panel's cell spans 12 rows: the rows below it must exist, empty.
        var rows = new XElement("rows", new XElement("row", cell), Enumerable.Range(0, 11).Select(_ => new XElement("row")));
        var section = new XElement("section",
            new XAttribute("name", JourneyKitSchema.FormSectionName), new XAttribute("showlabel", "false"), new XAttribute("showbar", "false"),
            new XAttribute("id", Braced(Guid.NewGuid())), new XAttribute("IsUserDefined", "1"), new XAttribute("columns", "1"),
            Labels("Objections"), rows);
        tabs.Add(new XElement("tab",
            new XAttribute("name", TabName), new XAttribute("id", Braced(Guid.NewGuid())), new XAttribute("IsUserDefined", "1"),
            new XAttribute("locklevel", "0"), new XAttribute("showlabel", "true"), new XAttribute("expanded", "true"),
            Labels("Persona & objections"),
            new XElement("columns", new XElement("column", new XAttribute("width", "100%"), new XElement("sections", section)))));
        return form.Root!.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The custom parameter (<c>Data</c>) of the first control showing the panel, or null.</summary>
    public static string? Data(string formXml, string webResourceName) =>
        (string?)PanelControls(Parse(formXml, "the form"), webResourceName).FirstOrDefault()?.Element("parameters")?.Element("Data");

    /// <summary>The FormXml with the custom parameter of every control showing the panel set to <paramref name="data"/>.</summary>
    public static string SetData(string formXml, string webResourceName, string data)
    {
        var form = Parse(formXml, "the form");
        foreach (var control in PanelControls(form, webResourceName))
        {
            var parameters = control.Element("parameters");
            if (parameters is null) control.Add(parameters = new XElement("parameters"));
            if (parameters.Element("Data") is { } existing) existing.Value = data;
            else parameters.Add(new XElement("Data", data));
        }
        return form.Root!.ToString(SaveOptions.DisableFormatting);
    }

    private static List<XElement> PanelControls(XDocument form, string webResourceName) =>
        form.Descendants("control").Where(c => (string?)c.Attribute("id") == ControlId
            || string.Equals((string?)c.Element("parameters")?.Element("Url"), webResourceName, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The FormXml without the panel's tab (and any other cell holding the panel's control).</summary>
    public static string Remove(string formXml, string webResourceName, string where)
    {
        var form = Parse(formXml, where);
        form.Descendants("tab").Where(t => (string?)t.Attribute("name") == TabName).ToList().ForEach(t => t.Remove());
        foreach (var control in form.Descendants("control").Where(c => (string?)c.Attribute("id") == ControlId
            || string.Equals((string?)c.Element("parameters")?.Element("Url"), webResourceName, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            (control.Parent?.Name == "cell" ? control.Parent : control).Remove();
        }
        return form.Root!.ToString(SaveOptions.DisableFormatting);
    }

    private static string Braced(Guid id) => "{" + id.ToString("D") + "}";

    private static XDocument Parse(string formXml, string where)
    {
        try
        {
            var doc = XDocument.Parse(formXml);
            if (doc.Root?.Name.LocalName != "form") throw new FormatException($"The FormXml of {where} has a <{doc.Root?.Name.LocalName}> root instead of <form>.");
            return doc;
        }
        catch (XmlException ex)
        {
            throw new FormatException($"The FormXml of {where} is not well-formed XML: {ex.Message}", ex);
        }
    }
}
