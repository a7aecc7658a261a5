namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>Publishes once, at the end, when any earlier step wrote something. Uninstall publishes the forms itself (<see cref="FormPanelStep"/>).</summary>
internal sealed class PublishStep : InstallStepBase
{
    private static readonly string[] Tables = [.. JourneyKitSchema.FormEntities, .. JourneyKitSchema.Tables.Select(t => t.LogicalName)];

    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        if (!c.Changed) return;
        c.Record("publish", string.Join(", ", Tables) + ", " + JourneyKitSchema.WebResourceName, InstallAction.Update, "PublishXml");
        if (c.Apply) await c.Metadata.PublishXmlAsync(Tables, c.WebResourceId is { } id ? [id] : null, ct).ConfigureAwait(false);
    }
}
