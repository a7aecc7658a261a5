namespace JourneyKit.Dynamics.Install;

/// <summary>What <see cref="DynamicsInstaller"/> installs and under which solution.</summary>
public sealed class DynamicsInstallOptions
{
    /// <summary>The unique name of the solution that holds JourneyKit's customizations.</summary>
    /// <value>The default is <c>JourneyKit</c>.</value>
    public string SolutionUniqueName { get; init; } = "JourneyKit";

    /// <summary>The solution's version; a different version on an installed solution is updated (an upgrade).</summary>
    /// <value>The default is <c>1.0.0.0</c>.</value>
    public string SolutionVersion { get; init; } = "1.0.0.0";

    /// <summary>The unique name of the publisher (prefix <c>jk</c>) the solution belongs to.</summary>
    /// <value>The default is <c>journeykit</c>.</value>
    public string PublisherUniqueName { get; init; } = "journeykit";

    /// <summary>The option value prefix of the publisher (10000–99999): choice values it creates start with it.</summary>
    /// <value>The default is 10571.</value>
    public int OptionValuePrefix { get; init; } = 10571;

    /// <summary>The language of the labels JourneyKit creates.</summary>
    /// <value>The default is 1033 (English).</value>
    public int LanguageCode { get; init; } = 1033;

    /// <summary>
    /// The language of the objections panel's labels (<c>en</c> or <c>fr</c>: use the map's language), passed to it as
    /// the web resource's custom parameter <c>lang=…</c>; null leaves the parameter as it is, and the panel then
    /// follows each user's Dynamics language.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? PanelLanguage { get; init; }

    /// <summary>The URL Dataverse posts contact events to (JourneyKit's webhook server), or null to register no webhook.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The webhook key Dataverse sends (as <c>?code=</c>). A secret: it is written to Dataverse and never printed or logged.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? WebhookKey { get; init; }

    /// <summary>
    /// Whether to write <see cref="WebhookKey"/> onto an existing service endpoint. Dataverse does not give the key
    /// back, so a changed key cannot be detected: set this to rotate it.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RotateWebhookKey { get; init; }
}
