namespace JourneyKit.Dynamics.WebResources;

/// <summary>The web resources JourneyKit installs into Dataverse, embedded in this assembly.</summary>
public static class WebResourceFiles
{
    /// <summary>The objections panel's file name (in this assembly and in exported solutions).</summary>
    public const string ObjectionsPanelName = Connectors.Dataverse.Schema.JourneyKitSchema.WebResourceFileName;

    /// <summary>The objections panel's web resource name in Dataverse (the <c>name</c> of its <c>webresource</c> row, what forms refer to).</summary>
    public const string ObjectionsPanelWebResourceName = Connectors.Dataverse.Schema.JourneyKitSchema.WebResourceName;

    private static readonly Lazy<string> Panel = new(() => Read(ObjectionsPanelName));

    /// <summary>
    /// The objections panel: one self-contained HTML page (inline CSS and JS, no external resource) for the main
    /// Contact and Opportunity forms. It reads the contact's persona and the persona's objections through
    /// <c>Xrm.WebApi</c> and lists them most frequent first, with category, stage, share and suggested answer.
    /// </summary>
    public static string ObjectionsPanelHtml => Panel.Value;

    private static string Read(string name)
    {
        string resource = "JourneyKit.Dynamics.WebResources." + name;
        using var stream = typeof(WebResourceFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource '{resource}' is missing from {typeof(WebResourceFiles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
