using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse.Clients;

/// <summary>
/// Dataverse customization through the Web API: table, column, key and relationship definitions, publishers,
/// solutions and their components, web resources, forms, webhook registration (service endpoints, steps, images),
/// publishing and solution export. Reads return null for what does not exist; deletes of what is already gone succeed.
/// Creates take the solution to create the component in (<c>MSCRM.SolutionUniqueName</c>). Obtain it from
/// <see cref="DataverseClient.Metadata"/>.
/// </summary>
public partial class DataverseMetadataClient
{
    private const string Ns = "Microsoft.Dynamics.CRM.";
    private static readonly Dictionary<string, string> IfMatchAny = new() { ["If-Match"] = "*" };

    private readonly DataverseClient _client = null!;

    /// <summary>For mocking only.</summary>
    protected DataverseMetadataClient()
    {
    }

    /// <summary>Creates a metadata client over a connection.</summary>
    /// <param name="client">The Dataverse client whose auth, retries and error handling every request uses.</param>
    public DataverseMetadataClient(DataverseClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    // ---- Tables, columns, keys ----

    /// <summary>Reads a table with its columns (logical name and type) and alternate keys.</summary>
    /// <param name="logicalName">The table's logical name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The table, or null when there is none.</returns>
    public virtual async Task<DataverseTableInfo?> GetTableAsync(string logicalName, CancellationToken cancellationToken = default)
    {
        var row = await GetOrNullAsync($"EntityDefinitions(LogicalName='{Key(logicalName)}')?$select=LogicalName,MetadataId,EntitySetName,PrimaryNameAttribute"
            + "&$expand=Attributes($select=LogicalName,AttributeType),Keys($select=LogicalName,KeyAttributes,EntityKeyIndexStatus)", cancellationToken).ConfigureAwait(false);
        if (row is null) return null;
        var attributes = (row["Attributes"]?.OfType<JObject>() ?? []).Select(a => new DataverseAttributeInfo((string)a["LogicalName"]!, (string?)a["AttributeType"] ?? "")).ToList();
        var keys = (row["Keys"]?.OfType<JObject>() ?? []).Select(k => new DataverseKeyInfo((string?)k["LogicalName"],
            k["KeyAttributes"] is JArray columns ? columns.Select(c => (string?)c ?? "").ToList() : [], (string?)k["EntityKeyIndexStatus"])).ToList();
        return new DataverseTableInfo((string?)row["LogicalName"] ?? logicalName, (Guid?)row["MetadataId"], (string?)row["EntitySetName"], (string?)row["PrimaryNameAttribute"], attributes, keys);
    }

    /// <summary>Whether a table exists (one small read).</summary>
    /// <param name="logicalName">The table's logical name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when it exists.</returns>
    public virtual async Task<bool> TableExistsAsync(string logicalName, CancellationToken cancellationToken = default) =>
        await GetOrNullAsync($"EntityDefinitions(LogicalName='{Key(logicalName)}')?$select=LogicalName", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The <c>MaxLength</c> of a table's text columns (String and Memo): one read per type, since it is only selectable on the derived type.</summary>
    /// <param name="logicalName">The table's logical name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>Column logical name → MaxLength.</returns>
    public virtual async Task<IReadOnlyDictionary<string, int>> GetTextMaxLengthsAsync(string logicalName, CancellationToken cancellationToken = default)
    {
        var lengths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var textType in new[] { "StringAttributeMetadata", "MemoAttributeMetadata" })
        {
            foreach (var a in await ListAsync($"EntityDefinitions(LogicalName='{Key(logicalName)}')/Attributes/{Ns}{textType}?$select=LogicalName,MaxLength", cancellationToken).ConfigureAwait(false))
            {
                if ((string?)a["LogicalName"] is { } logical && (int?)a["MaxLength"] is { } length) lengths[logical] = length;
            }
        }
        return lengths;
    }

    /// <summary>Whether a table has a column (one small read).</summary>
    /// <param name="table">The table's logical name.</param>
    /// <param name="column">The column's logical name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when it exists.</returns>
    public virtual async Task<bool> ColumnExistsAsync(string table, string column, CancellationToken cancellationToken = default) =>
        await GetOrNullAsync($"EntityDefinitions(LogicalName='{Key(table)}')/Attributes(LogicalName='{Key(column)}')?$select=LogicalName", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Creates a table with its primary name column (<c>POST EntityDefinitions</c>). Not retried after a dropped connection.</summary>
    /// <param name="table">The table.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null for the default solution.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse created it.</returns>
    public virtual Task CreateTableAsync(DataverseTableDefinition table, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return _client.ExecuteAsync(HttpMethod.Post, "EntityDefinitions", TableBody(table), InSolution(solutionUniqueName), cancellationToken: cancellationToken);
    }

    /// <summary>Adds a column to a table (<c>POST EntityDefinitions(…)/Attributes</c>).</summary>
    /// <param name="table">The table's logical name.</param>
    /// <param name="column">The column.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse created it.</returns>
    /// <exception cref="ArgumentException">The column's type is not String, Memo, Decimal or Integer.</exception>
    public virtual Task CreateColumnAsync(string table, DataverseColumnDefinition column, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _client.ExecuteAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{Key(table)}')/Attributes", ColumnBody(column), InSolution(solutionUniqueName), cancellationToken: cancellationToken);
    }

    /// <summary>Sets a text column's <c>MaxLength</c>: reads its whole definition and writes it back with <c>PUT</c> (how attributes are updated), keeping its labels.</summary>
    /// <param name="table">The table's logical name.</param>
    /// <param name="column">The column's logical name.</param>
    /// <param name="attributeType"><c>String</c> or <c>Memo</c>.</param>
    /// <param name="maxLength">The new longest value.</param>
    /// <param name="solutionUniqueName">The solution it belongs to, or null.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>A task that completes when Dataverse updated it.</returns>
    public virtual async Task SetMaxLengthAsync(string table, string column, string attributeType, int maxLength, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        var path = $"EntityDefinitions(LogicalName='{Key(table)}')/Attributes(LogicalName='{Key(column)}')";
        var definition = await _client.RetrieveAsync($"{path}/{Ns}{attributeType}AttributeMetadata", cancellationToken).ConfigureAwait(false);
        foreach (var annotation in definition.Properties().Where(p => p.Name.StartsWith("@odata.", StringComparison.Ordinal) && p.Name != "@odata.type").ToList()) annotation.Remove();
        definition["@odata.type"] = Ns + attributeType + "AttributeMetadata";
        definition["MaxLength"] = maxLength;
        var headers = new Dictionary<string, string>(InSolution(solutionUniqueName) ?? []) { ["MSCRM.MergeLabels"] = "true" };
        await _client.ExecuteAsync(HttpMethod.Put, path, definition, headers, idempotent: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an alternate key to a table (<c>POST EntityDefinitions(…)/Keys</c>); Dataverse builds its index in the background.</summary>
    /// <param name="table">The table's logical name.</param>
    /// <param name="key">The key.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse accepted it.</returns>
    public virtual Task CreateKeyAsync(string table, DataverseKeyDefinition key, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _client.ExecuteAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{Key(table)}')/Keys", new JObject
        {
            ["@odata.type"] = Ns + "EntityKeyMetadata", ["SchemaName"] = key.SchemaName, ["DisplayName"] = Label(key.DisplayName),
            ["KeyAttributes"] = new JArray(key.KeyAttributes),
        }, InSolution(solutionUniqueName), cancellationToken: cancellationToken);
    }

    /// <summary>Deletes a table with all its rows; succeeds when it is already gone.</summary>
    /// <param name="logicalName">The table's logical name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual Task DeleteTableAsync(string logicalName, CancellationToken cancellationToken = default) =>
        DeleteAsync($"EntityDefinitions(LogicalName='{Key(logicalName)}')", cancellationToken);

    // ---- Relationships ----

    /// <summary>Reads a relationship.</summary>
    /// <param name="schemaName">Its schema name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The relationship, or null when there is none.</returns>
    public virtual async Task<DataverseRelationshipInfo?> GetRelationshipAsync(string schemaName, CancellationToken cancellationToken = default)
    {
        var row = await GetOrNullAsync($"RelationshipDefinitions(SchemaName='{Key(schemaName)}')", cancellationToken).ConfigureAwait(false);
        return row is null ? null : new DataverseRelationshipInfo((string?)row["SchemaName"] ?? schemaName, (string?)row["ReferencingEntity"], (string?)row["ReferencingAttribute"],
            (string?)row["ReferencingEntityNavigationPropertyName"]);
    }

    /// <summary>Whether a relationship exists (one small read).</summary>
    /// <param name="schemaName">Its schema name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when it exists.</returns>
    public virtual async Task<bool> RelationshipExistsAsync(string schemaName, CancellationToken cancellationToken = default) =>
        await GetOrNullAsync($"RelationshipDefinitions(SchemaName='{Key(schemaName)}')?$select=SchemaName", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Creates a one-to-many relationship with its lookup column (<c>POST RelationshipDefinitions</c>).</summary>
    /// <param name="relationship">The relationship.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse created it.</returns>
    public virtual Task CreateOneToManyRelationshipAsync(DataverseOneToManyRelationshipDefinition relationship, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relationship);
        var body = new JObject
        {
            ["@odata.type"] = Ns + "OneToManyRelationshipMetadata",
            ["SchemaName"] = relationship.SchemaName,
            ["ReferencedEntity"] = relationship.ReferencedEntity,
            ["ReferencedAttribute"] = relationship.ReferencedAttribute,
            ["ReferencingEntity"] = relationship.ReferencingEntity,
            ["ReferencingEntityNavigationPropertyName"] = relationship.ReferencingEntityNavigationPropertyName,
            ["ReferencedEntityNavigationPropertyName"] = relationship.ReferencedEntityNavigationPropertyName,
            ["CascadeConfiguration"] = new JObject
            {
                ["Assign"] = "NoCascade", ["Delete"] = relationship.CascadeDelete, ["Merge"] = "NoCascade", ["Reparent"] = "NoCascade",
                ["Share"] = "NoCascade", ["Unshare"] = "NoCascade",
            },
            ["Lookup"] = new JObject
            {
                ["@odata.type"] = Ns + "LookupAttributeMetadata",
                ["SchemaName"] = relationship.Lookup.SchemaName,
                ["DisplayName"] = Label(relationship.Lookup.DisplayName),
                ["Description"] = Label(relationship.Lookup.Description),
                ["RequiredLevel"] = RequiredLevel(relationship.Lookup.RequiredLevel),
            },
        };
        return _client.ExecuteAsync(HttpMethod.Post, "RelationshipDefinitions", body, InSolution(solutionUniqueName), cancellationToken: cancellationToken);
    }

    /// <summary>Deletes a relationship (and its lookup column); succeeds when it is already gone.</summary>
    /// <param name="schemaName">Its schema name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual Task DeleteRelationshipAsync(string schemaName, CancellationToken cancellationToken = default) =>
        DeleteAsync($"RelationshipDefinitions(SchemaName='{Key(schemaName)}')", cancellationToken);

    // ---- Bodies and helpers ----

    private static Dictionary<string, string>? InSolution(string? solutionUniqueName) =>
        solutionUniqueName is null ? null : new() { ["MSCRM.SolutionUniqueName"] = solutionUniqueName };

    /// <summary>A name inside <c>(LogicalName='…')</c>: OData doubles a quote.</summary>
    private static string Key(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.Replace("'", "''", StringComparison.Ordinal);
    }

    private static JObject Label(DataverseLabel label) => new()
    {
        ["@odata.type"] = Ns + "Label",
        ["LocalizedLabels"] = new JArray(new JObject { ["@odata.type"] = Ns + "LocalizedLabel", ["Label"] = label.Text, ["LanguageCode"] = label.LanguageCode }),
    };

    private static JObject RequiredLevel(string level) => new() { ["Value"] = level, ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyrequirementlevelsettings" };

    private static JObject TableBody(DataverseTableDefinition table)
    {
        var primary = ColumnBody(table.PrimaryName);
        primary["IsPrimaryName"] = true;
        primary["RequiredLevel"] = RequiredLevel("ApplicationRequired");
        return new JObject
        {
            ["@odata.type"] = Ns + "EntityMetadata",
            ["SchemaName"] = table.SchemaName,
            ["DisplayName"] = Label(table.DisplayName),
            ["DisplayCollectionName"] = Label(table.DisplayCollectionName),
            ["Description"] = Label(table.Description),
            ["OwnershipType"] = table.OwnershipType,
            ["IsActivity"] = false,
            ["HasActivities"] = false,
            ["HasNotes"] = false,
            ["Attributes"] = new JArray(primary),
        };
    }

    private static JObject ColumnBody(DataverseColumnDefinition column)
    {
        var body = new JObject
        {
            ["@odata.type"] = column.AttributeType switch
            {
                "String" or "Memo" or "Decimal" or "Integer" => Ns + column.AttributeType + "AttributeMetadata",
                _ => throw new ArgumentException($"Column {column.SchemaName}: unknown column type '{column.AttributeType}' (String, Memo, Decimal or Integer).", nameof(column)),
            },
            ["SchemaName"] = column.SchemaName,
            ["DisplayName"] = Label(column.DisplayName),
            ["Description"] = Label(column.Description),
            ["RequiredLevel"] = RequiredLevel(column.RequiredLevel),
        };
        switch (column.AttributeType)
        {
            case "String":
                body["MaxLength"] = column.MaxLength;
                body["FormatName"] = new JObject { ["Value"] = "Text" };
                break;
            case "Memo":
                body["MaxLength"] = column.MaxLength;
                body["Format"] = "TextArea";
                break;
            case "Decimal":
                body["Precision"] = column.Precision;
                body["MinValue"] = Number(column.MinValue);
                body["MaxValue"] = Number(column.MaxValue);
                break;
            default:
                body["Format"] = "None";
                body["MinValue"] = Number(column.MinValue);
                body["MaxValue"] = Number(column.MaxValue);
                break;
        }
        return body;
    }

    /// <summary>A whole number as an integer literal (<c>1</c>, not <c>1.0</c>), as Dataverse's own samples send them.</summary>
    private static JToken Number(decimal? value) => value switch
    {
        null => JValue.CreateNull(),
        { } v when v == decimal.Truncate(v) && v is >= long.MinValue and <= long.MaxValue => new JValue((long)v),
        { } v => new JValue(v),
    };

    private Task Patch(string path, JObject body, CancellationToken ct) => _client.ExecuteAsync(HttpMethod.Patch, path, body, IfMatchAny, idempotent: true, ct);

    private async Task DeleteAsync(string path, CancellationToken ct)
    {
        try
        {
            await _client.ExecuteAsync(HttpMethod.Delete, path, idempotent: true, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            // Already gone (removed by hand, or by a cascade): the goal is reached.
        }
    }

    private async Task<JObject?> FindOneAsync(string pathAndQuery, CancellationToken ct)
    {
        await foreach (var row in _client.QueryAsync(pathAndQuery, formattedValues: false, ct).ConfigureAwait(false)) return row;
        return null;
    }

    private async Task<List<JObject>> ListAsync(string pathAndQuery, CancellationToken ct)
    {
        var rows = new List<JObject>();
        await foreach (var row in _client.QueryAsync(pathAndQuery, formattedValues: false, ct).ConfigureAwait(false)) rows.Add(row);
        return rows;
    }

    private async Task<JObject?> GetOrNullAsync(string pathAndQuery, CancellationToken ct)
    {
        try
        {
            return await _client.RetrieveAsync(pathAndQuery, ct).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }
}
