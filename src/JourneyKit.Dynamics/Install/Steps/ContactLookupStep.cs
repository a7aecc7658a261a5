namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>The lookup <c>contact.jk_personaid</c> (relationship jk_persona_contact). Uninstall deletes it, so contacts lose their persona.</summary>
internal sealed class ContactLookupStep : InstallStepBase
{
    internal const string Contact = "contact";

    private static JkRelationship Relationship => JourneyKitSchema.Relationships.Single(r => r.ReferencingEntity == Contact);

    private static string Label => $"{Relationship.SchemaName} ({Contact}.{JourneyKitSchema.LookupName})";

    protected override Task InstallAsync(InstallContext c, CancellationToken ct) => TablesStep.EnsureRelationshipAsync(c, Relationship, ct);

    protected override async Task UninstallAsync(InstallContext c, CancellationToken ct)
    {
        if (!await c.Metadata.RelationshipExistsAsync(Relationship.SchemaName, ct).ConfigureAwait(false))
        {
            c.Record("relationship", Label, InstallAction.Unchanged, "absent");
            return;
        }
        c.Record("relationship", Label, InstallAction.Delete, "contacts lose their persona");
        if (c.Apply) await c.Metadata.DeleteRelationshipAsync(Relationship.SchemaName, ct).ConfigureAwait(false);
    }
}
