using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;
using JourneyKit.Dynamics.Install.Metadata;

namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>
/// The tables jk_persona and jk_objection: columns (text only ever lengthened), the alternate keys on jk_key, and the
/// relationship objection → persona. Uninstall deletes the tables with their rows (objection first: it depends on persona).
/// </summary>
internal sealed class TablesStep : InstallStepBase
{
    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        foreach (var table in JourneyKitSchema.Tables) await InstallTableAsync(c, table, ct).ConfigureAwait(false);
        foreach (var relationship in JourneyKitSchema.Relationships.Where(r => r.ReferencingEntity != ContactLookupStep.Contact))
            await EnsureRelationshipAsync(c, relationship, ct).ConfigureAwait(false);
    }

    protected override async Task UninstallAsync(InstallContext c, CancellationToken ct)
    {
        foreach (var table in JourneyKitSchema.Tables.Reverse())
        {
            if (!await c.Metadata.TableExistsAsync(table.LogicalName, ct).ConfigureAwait(false))
            {
                c.Record("table", table.LogicalName, InstallAction.Unchanged, "absent");
                continue;
            }
            c.Record("table", table.LogicalName, InstallAction.Delete, "with its rows");
            if (c.Apply) await c.Metadata.DeleteTableAsync(table.LogicalName, ct).ConfigureAwait(false);
        }
    }

    private static async Task InstallTableAsync(InstallContext c, JkTable table, CancellationToken ct)
    {
        var language = c.Options.LanguageCode;
        var existing = await c.Metadata.GetTableAsync(table.LogicalName, ct).ConfigureAwait(false);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new List<DataverseKeyInfo>();
        if (existing is null)
        {
            c.Record("table", table.LogicalName, InstallAction.Create, $"primary name {table.PrimaryName.LogicalName}");
            if (c.Apply) await c.Metadata.CreateTableAsync(JourneyKitDefinitions.Table(table, language), c.SolutionName, ct).ConfigureAwait(false);
            attributes[table.PrimaryName.LogicalName] = table.PrimaryName.Type;
        }
        else
        {
            c.Record("table", table.LogicalName, InstallAction.Unchanged);
            await c.InSolutionAsync("table " + table.LogicalName, existing.MetadataId, created: false, DataverseComponentType.Entity, ct, withSubcomponents: true).ConfigureAwait(false);
            foreach (var a in existing.Attributes) attributes[a.LogicalName] = a.AttributeType;
            keys.AddRange(existing.Keys);
        }
        var lengths = existing is null ? new Dictionary<string, int>() : await c.Metadata.GetTextMaxLengthsAsync(table.LogicalName, ct).ConfigureAwait(false);
        foreach (var column in new[] { table.PrimaryName }.Concat(table.Columns))
        {
            if (column == table.PrimaryName && existing is null) continue;
            var name = $"{table.LogicalName}.{column.LogicalName}";
            if (attributes.TryGetValue(column.LogicalName, out var type))
            {
                if (!string.Equals(type, column.Type, StringComparison.Ordinal))
                    throw new DataverseException($"The column {name} exists as {type} but JourneyKit needs {column.Type}; a column's type cannot be changed. Delete the column (or run `journeykit dynamics uninstall`) and install again.")
                    { Request = $"GET EntityDefinitions(LogicalName='{table.LogicalName}')" };
                if (column.MaxLength is { } wanted && lengths.TryGetValue(column.LogicalName, out var current) && current < wanted)
                {
                    // Only ever lengthened: shortening could cut values already stored.
                    c.Record("column", name, InstallAction.Update, $"MaxLength {current} → {wanted}");
                    if (c.Apply) await c.Metadata.SetMaxLengthAsync(table.LogicalName, column.LogicalName, column.Type, wanted, c.SolutionName, ct).ConfigureAwait(false);
                    continue;
                }
                c.Record("column", name, InstallAction.Unchanged);
                continue;
            }
            if (column == table.PrimaryName)
                throw new DataverseException($"The table {table.LogicalName} exists without its primary name column {column.LogicalName}; it was not created by JourneyKit. Delete it and install again.") { Request = "GET EntityDefinitions" };
            c.Record("column", name, InstallAction.Create, column.Type + (column.MaxLength is { } max ? $"({max})" : ""));
            if (c.Apply) await c.Metadata.CreateColumnAsync(table.LogicalName, JourneyKitDefinitions.Column(column, language), c.SolutionName, ct).ConfigureAwait(false);
        }

        var keyName = $"{table.LogicalName}.{JourneyKitSchema.KeyColumn}";
        var key = keys.FirstOrDefault(k => k.KeyAttributes is [var only] && only == JourneyKitSchema.KeyColumn);
        if (key is null)
        {
            c.Record("key", keyName, InstallAction.Create, "alternate key " + table.KeySchemaName);
            if (c.Apply) await c.Metadata.CreateKeyAsync(table.LogicalName, JourneyKitDefinitions.Key(table, language), c.SolutionName, ct).ConfigureAwait(false);
        }
        else
        {
            var status = key.EntityKeyIndexStatus;
            c.Record("key", keyName, InstallAction.Unchanged, status is null or "Active" ? null
                : $"index status {status}" + (status == "Failed" ? ": reactivate the key in the maker portal (Tables → Keys); upserts by key fail until then" : ": Dataverse is still building it"));
        }
    }

    /// <summary>Creates a relationship from jk_persona with the lookup jk_personaid, or checks the one there is JourneyKit's.</summary>
    internal static async Task EnsureRelationshipAsync(InstallContext c, JkRelationship relationship, CancellationToken ct)
    {
        var existing = await c.Metadata.GetRelationshipAsync(relationship.SchemaName, ct).ConfigureAwait(false);
        var name = $"{relationship.SchemaName} ({relationship.ReferencingEntity}.{JourneyKitSchema.LookupName})";
        if (existing is null)
        {
            if (await c.Metadata.ColumnExistsAsync(relationship.ReferencingEntity, JourneyKitSchema.LookupName, ct).ConfigureAwait(false))
                throw new DataverseException($"The column {relationship.ReferencingEntity}.{JourneyKitSchema.LookupName} exists but not through the relationship {relationship.SchemaName}; JourneyKit cannot take it over. Delete that column and install again.")
                { Request = "GET RelationshipDefinitions" };
            c.Record("relationship", name, InstallAction.Create, $"lookup to {JourneyKitSchema.Persona.LogicalName}, on delete {relationship.DeleteCascade}");
            if (c.Apply) await c.Metadata.CreateOneToManyRelationshipAsync(JourneyKitDefinitions.Relationship(relationship, c.Options.LanguageCode), c.SolutionName, ct).ConfigureAwait(false);
            return;
        }
        if (existing.ReferencingEntity != relationship.ReferencingEntity || existing.ReferencingAttribute != JourneyKitSchema.LookupName
            || (existing.ReferencingEntityNavigationPropertyName is { } nav && nav != JourneyKitSchema.LookupName))
        {
            throw new DataverseException($"The relationship {relationship.SchemaName} exists but is not {relationship.ReferencingEntity}.{JourneyKitSchema.LookupName} → {JourneyKitSchema.Persona.LogicalName} with the navigation property {JourneyKitSchema.LookupName}; JourneyKit cannot use it.")
            { Request = "GET RelationshipDefinitions" };
        }
        c.Record("relationship", name, InstallAction.Unchanged);
    }
}
