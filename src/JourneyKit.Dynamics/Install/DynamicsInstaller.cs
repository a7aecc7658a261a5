using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Clients;
using JourneyKit.Dynamics.Install.Steps;

namespace JourneyKit.Dynamics.Install;

/// <summary>
/// Installs JourneyKit into a Dataverse environment through the Web API, inside a named solution (the supported
/// route): the publisher (prefix <c>jk</c>), the solution, the tables <c>jk_persona</c> and <c>jk_objection</c> with
/// their columns, alternate keys and relationship, the lookup <c>contact.jk_personaid</c>, the objections panel web
/// resource on the main Contact and Opportunity forms, optionally the contact-event webhook, then publishes.
/// Every step reads first and writes only what is missing or different, so a second run writes nothing; a plan
/// (dry run) reads and writes nothing. <see cref="UninstallAsync"/> removes it again (keeping the publisher).
/// </summary>
public class DynamicsInstaller
{
    /// <summary>The steps, in install order; uninstall runs them in reverse.</summary>
    private static readonly IReadOnlyList<IInstallStep> Steps =
    [
        new PublisherStep(), new SolutionStep(), new TablesStep(), new ContactLookupStep(), new WebResourceStep(), new FormPanelStep(), new WebhookStep(), new PublishStep(),
    ];

    private readonly DataverseMetadataClient _metadata = null!;
    private readonly DynamicsInstallOptions _options = null!;

    /// <summary>For mocking only.</summary>
    protected DynamicsInstaller()
    {
    }

    /// <summary>Creates an installer.</summary>
    /// <param name="client">The Dataverse client, signed in as a user with the System Customizer role (or System Administrator).</param>
    /// <param name="options">What to install; defaults when null.</param>
    /// <exception cref="ArgumentException">A webhook URL is given without a key, or the other way round.</exception>
    public DynamicsInstaller(DataverseClient client, DynamicsInstallOptions? options = null)
    {
        _metadata = (client ?? throw new ArgumentNullException(nameof(client))).Metadata;
        _options = options ?? new DynamicsInstallOptions();
        if ((_options.WebhookUrl is null) != string.IsNullOrEmpty(_options.WebhookKey))
            throw new ArgumentException("A webhook needs both a URL and a key (WebhookUrl and WebhookKey), or neither.", nameof(options));
        if (_options.WebhookUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
            throw new ArgumentException("WebhookUrl must be an absolute http(s) URL.", nameof(options));
        // The key would end up in plans, logs and the solution export: it belongs in WebhookKey, which Dataverse appends as ?code=.
        if (_options.WebhookUrl is { Query.Length: > 1 } withQuery && withQuery.Query.Contains("code=", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("WebhookUrl must not carry the key (?code=…): give the key as WebhookKey; Dataverse appends it.", nameof(options));
        if (_options.PanelLanguage is { } language && !PanelLanguages.Contains(language))
            throw new ArgumentException($"PanelLanguage must be one of {string.Join(", ", PanelLanguages)}, not '{language}'.", nameof(options));
        if (_options.OptionValuePrefix is < 10000 or > 99999)
            throw new ArgumentOutOfRangeException(nameof(options), _options.OptionValuePrefix, "OptionValuePrefix must be between 10000 and 99999.");
    }

    /// <summary>The languages the objections panel speaks.</summary>
    public static IReadOnlyList<string> PanelLanguages { get; } = ["en", "fr"];

    /// <summary>Reads the environment and says what <see cref="InstallAsync"/> would do; writes nothing.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan, with <see cref="InstallPlan.Applied"/> false.</returns>
    public virtual Task<InstallPlan> PlanInstallAsync(CancellationToken cancellationToken = default) => RunInstallAsync(apply: false, cancellationToken);

    /// <summary>Creates or upgrades JourneyKit's customizations, writing only what is missing or different, then publishes.</summary>
    /// <param name="cancellationToken">Cancels the remaining steps (those done stay done; a rerun continues).</param>
    /// <returns>What was done, step by step.</returns>
    /// <exception cref="DataverseException">Dataverse refused a step, or something in the way cannot be fixed by the installer.</exception>
    public virtual Task<InstallPlan> InstallAsync(CancellationToken cancellationToken = default) => RunInstallAsync(apply: true, cancellationToken);

    /// <summary>Reads the environment and says what <see cref="UninstallAsync"/> would remove; writes nothing.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan, with <see cref="InstallPlan.Applied"/> false.</returns>
    public virtual Task<InstallPlan> PlanUninstallAsync(CancellationToken cancellationToken = default) => RunUninstallAsync(apply: false, cancellationToken);

    /// <summary>
    /// Removes what <see cref="InstallAsync"/> created: webhook steps and endpoint, the panel on the forms (published),
    /// the web resource, the contact lookup, the tables with their rows, then the solution. The publisher is kept.
    /// A second run finds nothing to remove and writes nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>What was removed, step by step.</returns>
    public virtual Task<InstallPlan> UninstallAsync(CancellationToken cancellationToken = default) => RunUninstallAsync(apply: true, cancellationToken);

    /// <summary>Exports the JourneyKit solution (<c>ExportSolution</c>) for import into other environments.</summary>
    /// <param name="managed">Whether to export it managed (for test and production) or unmanaged (for development).</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The solution zip.</returns>
    /// <exception cref="DataverseException">The solution is not installed, or the export failed.</exception>
    public virtual async Task<byte[]> ExportSolutionAsync(bool managed, CancellationToken cancellationToken = default)
    {
        var name = _options.SolutionUniqueName;
        if (await _metadata.FindSolutionAsync(name, cancellationToken).ConfigureAwait(false) is null)
            throw new DataverseException($"The solution '{name}' is not installed in this environment: run `journeykit dynamics install` first.") { StatusCode = 404, Request = "GET solutions" };
        var export = await _metadata.ExportSolutionAsync(name, managed, cancellationToken).ConfigureAwait(false);
        if (CheckSolutionZip(export.File) is { } problem)
        {
            throw new DataverseException($"Dataverse's export of the solution '{name}' is not a solution: {problem}. Nothing was written; try the export again, or export from Power Apps (Solutions → Export).")
            {
                Request = "POST ExportSolution", RequestId = export.RequestId, IsTransient = false,
            };
        }
        return export.File;
    }

    /// <summary>The files every solution zip holds (Microsoft's solution file layout).</summary>
    internal static readonly IReadOnlyList<string> SolutionFiles = ["solution.xml", "customizations.xml", "[Content_Types].xml"];

    /// <summary>Why the bytes are not a solution zip, or null when they are one.</summary>
    internal static string? CheckSolutionZip(byte[] bytes)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName.TrimStart('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = SolutionFiles.Where(f => !names.Contains(f)).ToList();
            if (missing.Count == 0) return null;
            return zip.Entries.Count == 0
                ? $"an empty zip ({bytes.Length} bytes)"
                : $"a zip of {zip.Entries.Count} file(s) without {string.Join(", ", missing)}";
        }
        catch (InvalidDataException)
        {
            return $"not a zip ({bytes.Length} bytes)";
        }
    }

    private async Task<InstallPlan> RunInstallAsync(bool apply, CancellationToken ct)
    {
        var context = new InstallContext(_metadata, _options, apply);
        foreach (var step in Steps)
        {
            if (apply) await step.ApplyAsync(context, ct).ConfigureAwait(false);
            else await step.PlanAsync(context, ct).ConfigureAwait(false);
        }
        return context.ToPlan();
    }

    private async Task<InstallPlan> RunUninstallAsync(bool apply, CancellationToken ct)
    {
        var context = new InstallContext(_metadata, _options, apply);
        context.Solution = await _metadata.FindSolutionAsync(_options.SolutionUniqueName, ct).ConfigureAwait(false);
        if (context.Solution is { IsManaged: true, Id: { } managedId })
        {
            // A managed solution's components cannot be deleted one by one: deleting the solution removes them all, with their data.
            context.Record("solution", _options.SolutionUniqueName, InstallAction.Delete, "managed: Dataverse removes its tables (with their rows), columns, web resource, form changes and webhook steps");
            if (apply) await _metadata.DeleteSolutionAsync(managedId, ct).ConfigureAwait(false);
            return context.ToPlan();
        }
        foreach (var step in Steps.Reverse())
        {
            if (apply) await step.RemoveAsync(context, ct).ConfigureAwait(false);
            else await step.PlanRemoveAsync(context, ct).ConfigureAwait(false);
        }
        return context.ToPlan();
    }
}
