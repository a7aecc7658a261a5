using System.Text;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.WebResources;
using Newtonsoft.Json.Linq;

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
    private const string Ns = "Microsoft.Dynamics.CRM.";

    private readonly DataverseClient _client = null!;
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
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new DynamicsInstallOptions();
        if ((_options.WebhookUrl is null) != string.IsNullOrEmpty(_options.WebhookKey))
            throw new ArgumentException("A webhook needs both a URL and a key (WebhookUrl and WebhookKey), or neither.", nameof(options));
        if (_options.WebhookUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
            throw new ArgumentException("WebhookUrl must be an absolute http(s) URL.", nameof(options));
        // The key would end up in plans, logs and the solution export: it belongs in WebhookKey, which Dataverse appends as ?code=.
        if (_options.WebhookUrl is { Query.Length: > 1 } withQuery && withQuery.Query.Contains("code=", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("WebhookUrl must not carry the key (?code=…): give the key as WebhookKey; Dataverse appends it.", nameof(options));
        if (_options.OptionValuePrefix is < 10000 or > 99999)
            throw new ArgumentOutOfRangeException(nameof(options), _options.OptionValuePrefix, "OptionValuePrefix must be between 10000 and 99999.");
    }

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
        if (await FindSolutionAsync(cancellationToken).ConfigureAwait(false) is null)
            throw new DataverseException($"The solution '{_options.SolutionUniqueName}' is not installed in this environment: run `journeykit dynamics install` first.") { StatusCode = 404, Request = "GET solutions" };
        var response = await _client.ExecuteAsync(HttpMethod.Post, "ExportSolution",
            new JObject { ["SolutionName"] = _options.SolutionUniqueName, ["Managed"] = managed }, idempotent: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var file = (string?)response.Body?["ExportSolutionFile"]
            ?? throw new DataverseException("Dataverse answered ExportSolution without an ExportSolutionFile.") { Request = "POST ExportSolution", RequestId = response.RequestId };
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(file);
        }
        catch (FormatException ex)
        {
            throw new DataverseException("Dataverse's ExportSolutionFile is not valid base64.", ex) { Request = "POST ExportSolution", RequestId = response.RequestId };
        }
        if (CheckSolutionZip(bytes) is { } problem)
        {
            throw new DataverseException($"Dataverse's export of the solution '{_options.SolutionUniqueName}' is not a solution: {problem}. Nothing was written; try the export again, or export from Power Apps (Solutions → Export).")
            {
                Request = "POST ExportSolution", RequestId = response.RequestId, IsTransient = false,
            };
        }
        return bytes;
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

    private Dictionary<string, string> InSolution => new() { ["MSCRM.SolutionUniqueName"] = _options.SolutionUniqueName };

    private async Task<InstallPlan> RunInstallAsync(bool apply, CancellationToken ct)
    {
        var steps = new List<InstallStep>();
        bool changed = false;
        void Step(string component, string name, InstallAction action, string? detail = null)
        {
            steps.Add(new InstallStep(component, name, action, detail));
            if (action != InstallAction.Unchanged) changed = true;
        }

        // Publisher.
        var publisher = await FindOneAsync("publishers?$select=publisherid,uniquename,customizationprefix,customizationoptionvalueprefix&$filter="
            + Uri.EscapeDataString(DataverseFilter.Equal("uniquename", _options.PublisherUniqueName)), ct).ConfigureAwait(false);
        Guid? publisherId = publisher is null ? null : (Guid?)publisher["publisherid"];
        if (publisher is null)
        {
            Step("publisher", _options.PublisherUniqueName, InstallAction.Create, "prefix jk");
            if (apply)
            {
                var created = await _client.CreateAsync("publishers", new JObject
                {
                    ["uniquename"] = _options.PublisherUniqueName, ["friendlyname"] = "JourneyKit", ["customizationprefix"] = "jk",
                    ["customizationoptionvalueprefix"] = _options.OptionValuePrefix, ["description"] = "Publisher of the JourneyKit customer-journey customizations.",
                }, ct).ConfigureAwait(false);
                publisherId = (Guid?)created["publisherid"];
            }
        }
        else if ((string?)publisher["customizationprefix"] != "jk")
        {
            throw new DataverseException($"The publisher '{_options.PublisherUniqueName}' exists with the prefix '{publisher["customizationprefix"]}' instead of 'jk'; JourneyKit's tables need the prefix jk. Rename that publisher or choose another PublisherUniqueName.")
            { Request = "GET publishers" };
        }
        else
        {
            Step("publisher", _options.PublisherUniqueName, InstallAction.Unchanged);
        }

        // Solution.
        var solution = await FindSolutionAsync(ct).ConfigureAwait(false);
        Guid? solutionId = solution is null ? null : (Guid?)solution["solutionid"];
        if (solution is null)
        {
            Step("solution", _options.SolutionUniqueName, InstallAction.Create, "version " + _options.SolutionVersion);
            if (apply)
            {
                var created = await _client.CreateAsync("solutions", new JObject
                {
                    ["uniquename"] = _options.SolutionUniqueName, ["friendlyname"] = "JourneyKit", ["version"] = _options.SolutionVersion,
                    ["description"] = "JourneyKit: personas and objections on contacts and opportunities.",
                    ["publisherid@odata.bind"] = $"/publishers({publisherId:D})",
                }, ct).ConfigureAwait(false);
                solutionId = (Guid?)created["solutionid"];
            }
        }
        else
        {
            if ((bool?)solution["ismanaged"] == true)
            {
                throw new DataverseException($"The solution '{_options.SolutionUniqueName}' is installed here as a managed solution (imported from an export). Upgrade it by importing the new managed solution; `journeykit dynamics install` works on development environments with the unmanaged solution.")
                { Request = "GET solutions" };
            }
            if (publisherId is { } p && (string?)solution["_publisherid_value"] is { } owner && Guid.TryParse(owner, out var ownerId) && ownerId != p)
                throw new DataverseException($"The solution '{_options.SolutionUniqueName}' exists but belongs to another publisher than '{_options.PublisherUniqueName}'.") { Request = "GET solutions" };
            var version = (string?)solution["version"];
            if (version != _options.SolutionVersion)
            {
                Step("solution", _options.SolutionUniqueName, InstallAction.Update, $"version {version} → {_options.SolutionVersion}");
                if (apply) await _client.ExecuteAsync(HttpMethod.Patch, $"solutions({solutionId:D})", new JObject { ["version"] = _options.SolutionVersion }, new Dictionary<string, string> { ["If-Match"] = "*" }, idempotent: true, ct).ConfigureAwait(false);
            }
            else
            {
                Step("solution", _options.SolutionUniqueName, InstallAction.Unchanged, "version " + version);
            }
        }

        // What the solution already holds: components created elsewhere (or before the solution) are added to it.
        var components = solutionId is { } sid ? await SolutionComponentsAsync(sid, ct).ConfigureAwait(false) : [];
        async Task InSolutionAsync(string label, Guid? id, bool created, int componentType, bool withSubcomponents = false)
        {
            if (!created && id is { } existing && components.Contains(existing)) return;
            Step("solution component", label, InstallAction.Create, "add to the solution " + _options.SolutionUniqueName);
            if (apply && id is { } add) await AddComponentAsync(add, componentType, withSubcomponents, ct).ConfigureAwait(false);
        }

        // Tables, columns, keys.
        foreach (var table in JourneyKitSchema.Tables)
        {
            var existing = await GetOrNullAsync($"EntityDefinitions(LogicalName='{table.LogicalName}')?$select=LogicalName,MetadataId,EntitySetName,PrimaryNameAttribute"
                + "&$expand=Attributes($select=LogicalName,AttributeType),Keys($select=LogicalName,KeyAttributes,EntityKeyIndexStatus)", ct).ConfigureAwait(false);
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var keys = new List<JObject>();
            if (existing is null)
            {
                Step("table", table.LogicalName, InstallAction.Create, $"primary name {table.PrimaryName.LogicalName}");
                if (apply) await _client.ExecuteAsync(HttpMethod.Post, "EntityDefinitions", TableBody(table), InSolution, cancellationToken: ct).ConfigureAwait(false);
                attributes[table.PrimaryName.LogicalName] = table.PrimaryName.Type;
            }
            else
            {
                Step("table", table.LogicalName, InstallAction.Unchanged);
                await InSolutionAsync("table " + table.LogicalName, (Guid?)existing["MetadataId"], created: false, 1, withSubcomponents: true).ConfigureAwait(false);
                foreach (var a in existing["Attributes"]?.OfType<JObject>() ?? []) attributes[(string)a["LogicalName"]!] = (string?)a["AttributeType"] ?? "";
                keys.AddRange(existing["Keys"]?.OfType<JObject>() ?? []);
            }
            // Text lengths of existing columns: one read per text type (MaxLength is only selectable on the derived type).
            var lengths = new Dictionary<string, int>(StringComparer.Ordinal);
            if (existing is not null)
            {
                foreach (var textType in new[] { "StringAttributeMetadata", "MemoAttributeMetadata" })
                {
                    foreach (var a in await QueryListAsync($"EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes/{Ns}{textType}?$select=LogicalName,MaxLength", ct).ConfigureAwait(false))
                    {
                        if ((string?)a["LogicalName"] is { } logical && (int?)a["MaxLength"] is { } length) lengths[logical] = length;
                    }
                }
            }
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
                        Step("column", name, InstallAction.Update, $"MaxLength {current} → {wanted}");
                        if (apply) await LengthenAsync(table, column, wanted, ct).ConfigureAwait(false);
                        continue;
                    }
                    Step("column", name, InstallAction.Unchanged);
                    continue;
                }
                if (column == table.PrimaryName)
                    throw new DataverseException($"The table {table.LogicalName} exists without its primary name column {column.LogicalName}; it was not created by JourneyKit. Delete it and install again.") { Request = "GET EntityDefinitions" };
                Step("column", name, InstallAction.Create, column.Type + (column.MaxLength is { } max ? $"({max})" : ""));
                if (apply) await _client.ExecuteAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes", ColumnBody(column), InSolution, cancellationToken: ct).ConfigureAwait(false);
            }
            var keyName = $"{table.LogicalName}.{JourneyKitSchema.KeyColumn}";
            var key = keys.FirstOrDefault(k => k["KeyAttributes"] is JArray columns && columns.Count == 1 && (string?)columns[0] == JourneyKitSchema.KeyColumn);
            if (key is null)
            {
                Step("key", keyName, InstallAction.Create, "alternate key " + table.KeySchemaName);
                if (apply)
                {
                    await _client.ExecuteAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{table.LogicalName}')/Keys", new JObject
                    {
                        ["@odata.type"] = Ns + "EntityKeyMetadata", ["SchemaName"] = table.KeySchemaName, ["DisplayName"] = Label("Key"),
                        ["KeyAttributes"] = new JArray(JourneyKitSchema.KeyColumn),
                    }, InSolution, cancellationToken: ct).ConfigureAwait(false);
                }
            }
            else
            {
                var status = (string?)key["EntityKeyIndexStatus"];
                Step("key", keyName, InstallAction.Unchanged, status is null or "Active" ? null
                    : $"index status {status}" + (status == "Failed" ? ": reactivate the key in the maker portal (Tables → Keys); upserts by key fail until then" : ": Dataverse is still building it"));
            }
        }

        // Relationships: objection → persona and contact → persona, both with the lookup jk_personaid.
        foreach (var relationship in JourneyKitSchema.Relationships)
        {
            var existing = await GetOrNullAsync($"RelationshipDefinitions(SchemaName='{relationship.SchemaName}')", ct).ConfigureAwait(false);
            var name = $"{relationship.SchemaName} ({relationship.ReferencingEntity}.{JourneyKitSchema.LookupName})";
            if (existing is null)
            {
                var lookup = await GetOrNullAsync($"EntityDefinitions(LogicalName='{relationship.ReferencingEntity}')/Attributes(LogicalName='{JourneyKitSchema.LookupName}')?$select=LogicalName", ct).ConfigureAwait(false);
                if (lookup is not null)
                    throw new DataverseException($"The column {relationship.ReferencingEntity}.{JourneyKitSchema.LookupName} exists but not through the relationship {relationship.SchemaName}; JourneyKit cannot take it over. Delete that column and install again.")
                    { Request = "GET RelationshipDefinitions" };
                Step("relationship", name, InstallAction.Create, $"lookup to jk_persona, on delete {relationship.DeleteCascade}");
                if (apply) await _client.ExecuteAsync(HttpMethod.Post, "RelationshipDefinitions", RelationshipBody(relationship), InSolution, cancellationToken: ct).ConfigureAwait(false);
            }
            else
            {
                if ((string?)existing["ReferencingEntity"] != relationship.ReferencingEntity || (string?)existing["ReferencingAttribute"] != JourneyKitSchema.LookupName
                    || ((string?)existing["ReferencingEntityNavigationPropertyName"] is { } nav && nav != JourneyKitSchema.LookupName))
                {
                    throw new DataverseException($"The relationship {relationship.SchemaName} exists but is not {relationship.ReferencingEntity}.{JourneyKitSchema.LookupName} → jk_persona with the navigation property {JourneyKitSchema.LookupName}; JourneyKit cannot use it.")
                    { Request = "GET RelationshipDefinitions" };
                }
                Step("relationship", name, InstallAction.Unchanged);
            }
        }

        // The objections panel web resource.
        var content = Convert.ToBase64String(Encoding.UTF8.GetBytes(WebResourceFiles.ObjectionsPanelHtml));
        var webResource = await FindOneAsync("webresourceset?$select=webresourceid,name,content&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("name", JourneyKitSchema.WebResourceName)), ct).ConfigureAwait(false);
        Guid? webResourceId = webResource is null ? null : (Guid?)webResource["webresourceid"];
        if (webResource is null)
        {
            Step("web resource", JourneyKitSchema.WebResourceName, InstallAction.Create, "HTML, " + WebResourceFiles.ObjectionsPanelHtml.Length + " characters");
            if (apply)
            {
                var created = await _client.ExecuteAsync(HttpMethod.Post, "webresourceset", new JObject
                {
                    ["name"] = JourneyKitSchema.WebResourceName, ["displayname"] = "JourneyKit objections panel", ["webresourcetype"] = 1, ["content"] = content,
                    ["description"] = "The persona and the objections to expect, with suggested answers, on contacts and opportunities.",
                }, InSolution, cancellationToken: ct).ConfigureAwait(false);
                webResourceId = created.EntityGuid;
            }
        }
        else if ((string?)webResource["content"] != content)
        {
            Step("web resource", JourneyKitSchema.WebResourceName, InstallAction.Update, "new panel version");
            if (apply) await _client.ExecuteAsync(HttpMethod.Patch, $"webresourceset({webResourceId:D})", new JObject { ["content"] = content }, new Dictionary<string, string> { ["If-Match"] = "*" }, idempotent: true, ct).ConfigureAwait(false);
        }
        else
        {
            Step("web resource", JourneyKitSchema.WebResourceName, InstallAction.Unchanged);
        }

        await InSolutionAsync("web resource " + JourneyKitSchema.WebResourceName, webResourceId, created: webResource is null, 61).ConfigureAwait(false);

        // The panel on the main forms, and the forms in the solution so that an export carries the edit.
        foreach (var entity in JourneyKitSchema.FormEntities)
        {
            var forms = await QueryListAsync($"systemforms?$select=formid,name,formxml,isdefault&$filter=" + Uri.EscapeDataString($"objecttypecode eq '{entity}' and type eq 2"), ct).ConfigureAwait(false);
            var form = forms.FirstOrDefault(f => (bool?)f["isdefault"] == true) ?? forms.OrderBy(f => (string?)f["name"], StringComparer.Ordinal).FirstOrDefault();
            if (form is null)
            {
                Step("form", $"{entity} main form", InstallAction.Unchanged, "no main form found: add the panel by hand");
                continue;
            }
            var formId = (Guid)form["formid"]!;
            var label = $"{entity} form '{form["name"]}'";
            var formXml = (string?)form["formxml"] ?? "<form />";
            bool has;
            try { has = FormXmlPanel.Contains(formXml, JourneyKitSchema.WebResourceName, label); }
            catch (FormatException ex) { throw new DataverseException(ex.Message + $" (systemform {formId:D})", ex) { Request = "GET systemforms" }; }
            if (has)
            {
                Step("form", label, InstallAction.Unchanged);
            }
            else
            {
                Step("form", label, InstallAction.Update, "add the tab 'Persona & objections' with the panel");
                if (apply)
                {
                    var edited = FormXmlPanel.Add(formXml, JourneyKitSchema.WebResourceName, webResourceId, _options.LanguageCode, label);
                    await _client.ExecuteAsync(HttpMethod.Patch, $"systemforms({formId:D})", new JObject { ["formxml"] = edited }, new Dictionary<string, string> { ["If-Match"] = "*" }, idempotent: true, ct).ConfigureAwait(false);
                }
            }
            await InSolutionAsync(label, formId, created: false, 60).ConfigureAwait(false);
        }

        // The contact-event webhook.
        if (_options.WebhookUrl is { } url && _options.WebhookKey is { } webhookKey)
        {
            changed |= await InstallWebhookAsync(url, webhookKey, apply, Step, InSolutionAsync, ct).ConfigureAwait(false);
        }

        if (changed)
        {
            Step("publish", "contact, opportunity, jk_persona, jk_objection, " + JourneyKitSchema.WebResourceName, InstallAction.Update, "PublishXml");
            if (apply) await PublishAsync(["contact", "opportunity", "jk_persona", "jk_objection"], webResourceId, ct).ConfigureAwait(false);
        }
        return new InstallPlan { Steps = steps, Applied = apply };
    }

    private async Task<bool> InstallWebhookAsync(Uri url, string key, bool apply, Action<string, string, InstallAction, string?> step,
        Func<string, Guid?, bool, int, bool, Task> inSolution, CancellationToken ct)
    {
        bool changed = false;
        void Step(string component, string name, InstallAction action, string? detail = null)
        {
            step(component, name, action, detail);
            if (action != InstallAction.Unchanged) changed = true;
        }
        var endpoint = await FindOneAsync("serviceendpoints?$select=serviceendpointid,name,url,contract,authtype,messageformat&$filter="
            + Uri.EscapeDataString(DataverseFilter.Equal("name", JourneyKitSchema.EndpointName)), ct).ConfigureAwait(false);
        Guid? endpointId = endpoint is null ? null : (Guid?)endpoint["serviceendpointid"];
        var urlText = url.AbsoluteUri;
        var portNote = url.IsDefaultPort ? "" : $" (Dataverse calls webhooks only on ports 80 and 443: port {url.Port} is not reached from Dataverse online)";
        if (endpoint is null)
        {
            Step("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Create, $"webhook to {url.GetLeftPart(UriPartial.Path)}, key ***" + portNote);
            if (apply)
            {
                var created = await _client.ExecuteAsync(HttpMethod.Post, "serviceendpoints", new JObject
                {
                    ["name"] = JourneyKitSchema.EndpointName, ["description"] = "JourneyKit sets a contact's persona when its job title or company changes.",
                    ["contract"] = 8, ["authtype"] = 4, ["authvalue"] = key, ["messageformat"] = 2, ["url"] = urlText, ["userclaim"] = 1,
                }, InSolution, cancellationToken: ct).ConfigureAwait(false);
                endpointId = created.EntityGuid;
            }
        }
        else
        {
            var differences = new List<string>();
            if ((string?)endpoint["url"] != urlText) differences.Add($"url → {url.GetLeftPart(UriPartial.Path)}" + portNote);
            if ((int?)endpoint["contract"] != 8 || (int?)endpoint["authtype"] != 4 || (int?)endpoint["messageformat"] != 2) differences.Add("webhook with WebhookKey auth and JSON");
            if (_options.RotateWebhookKey) differences.Add("key ***");
            if (differences.Count == 0)
            {
                Step("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Unchanged);
            }
            else
            {
                Step("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Update, string.Join("; ", differences));
                if (apply)
                {
                    var patch = new JObject { ["url"] = urlText, ["contract"] = 8, ["authtype"] = 4, ["messageformat"] = 2 };
                    // Dataverse asks for the key again whenever the auth settings are written.
                    patch["authvalue"] = key;
                    await _client.ExecuteAsync(HttpMethod.Patch, $"serviceendpoints({endpointId:D})", patch, new Dictionary<string, string> { ["If-Match"] = "*" }, idempotent: true, ct).ConfigureAwait(false);
                }
            }
        }
        await inSolution("service endpoint " + JourneyKitSchema.EndpointName, endpointId, endpoint is null, 95, false).ConfigureAwait(false);

        var messages = await QueryListAsync("sdkmessages?$select=sdkmessageid,name&$filter=" + Uri.EscapeDataString("name eq 'Create' or name eq 'Update'"), ct).ConfigureAwait(false);
        var existingSteps = endpoint is null || endpointId is null ? [] : await QueryListAsync("sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,name,stage,mode,filteringattributes,_sdkmessageid_value&$filter="
            + Uri.EscapeDataString($"_eventhandler_value eq {endpointId:D}"), ct).ConfigureAwait(false);
        foreach (var message in new[] { "Create", "Update" })
        {
            var messageRow = messages.FirstOrDefault(m => (string?)m["name"] == message)
                ?? throw new DataverseException($"Dataverse has no SDK message '{message}' (sdkmessages): the webhook steps cannot be registered.") { Request = "GET sdkmessages" };
            var messageId = (Guid)messageRow["sdkmessageid"]!;
            var stepName = $"JourneyKit: contact {message}";
            var filtering = message == "Update" ? JourneyKitSchema.FilteringAttributes : null;
            var existing = existingSteps.FirstOrDefault(s => (string?)s["_sdkmessageid_value"] is { } m && Guid.TryParse(m, out var g) && g == messageId);
            Guid? stepId = existing is null ? null : (Guid?)existing["sdkmessageprocessingstepid"];
            if (existing is null)
            {
                Step("step", stepName, InstallAction.Create, "post-operation, asynchronous" + (filtering is null ? "" : ", on " + filtering) + ", post image");
                if (apply)
                {
                    var filter = await FindOneAsync("sdkmessagefilters?$select=sdkmessagefilterid&$filter=" + Uri.EscapeDataString($"primaryobjecttypecode eq 'contact' and _sdkmessageid_value eq {messageId:D}"), ct).ConfigureAwait(false)
                        ?? throw new DataverseException($"Dataverse has no SDK message filter for contact {message}: the webhook step cannot be registered.") { Request = "GET sdkmessagefilters" };
                    var body = new JObject
                    {
                        ["name"] = stepName, ["description"] = "Registered by journeykit dynamics install.",
                        ["stage"] = 40, ["mode"] = 1, ["rank"] = 1, ["supporteddeployment"] = 0, ["asyncautodelete"] = true,
                        ["sdkmessageid@odata.bind"] = $"/sdkmessages({messageId:D})", ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({(Guid)filter["sdkmessagefilterid"]!:D})",
                        ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpointId:D})",
                    };
                    if (filtering is not null) body["filteringattributes"] = filtering;
                    var created = await _client.ExecuteAsync(HttpMethod.Post, "sdkmessageprocessingsteps", body, InSolution, cancellationToken: ct).ConfigureAwait(false);
                    stepId = created.EntityGuid;
                }
            }
            else if ((int?)existing["stage"] != 40 || (int?)existing["mode"] != 1 || !SameAttributes((string?)existing["filteringattributes"], filtering))
            {
                Step("step", stepName, InstallAction.Update, "post-operation, asynchronous" + (filtering is null ? "" : ", on " + filtering));
                if (apply)
                {
                    await _client.ExecuteAsync(HttpMethod.Patch, $"sdkmessageprocessingsteps({stepId:D})", new JObject { ["stage"] = 40, ["mode"] = 1, ["filteringattributes"] = filtering },
                        new Dictionary<string, string> { ["If-Match"] = "*" }, idempotent: true, ct).ConfigureAwait(false);
                }
            }
            else
            {
                Step("step", stepName, InstallAction.Unchanged);
            }
            await inSolution("step " + stepName, stepId, existing is null, 92, false).ConfigureAwait(false);

            var images = existing is null || stepId is null ? [] : await QueryListAsync("sdkmessageprocessingstepimages?$select=sdkmessageprocessingstepimageid,imagetype,attributes&$filter="
                + Uri.EscapeDataString($"_sdkmessageprocessingstepid_value eq {stepId:D}"), ct).ConfigureAwait(false);
            if (images.Any(i => (int?)i["imagetype"] is 1 or 2))
            {
                Step("step image", stepName + " / PostImage", InstallAction.Unchanged);
            }
            else
            {
                Step("step image", stepName + " / PostImage", InstallAction.Create, JourneyKitSchema.FilteringAttributes);
                if (apply)
                {
                    await _client.ExecuteAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", new JObject
                    {
                        ["name"] = "PostImage", ["entityalias"] = "PostImage", ["imagetype"] = 1, ["messagepropertyname"] = message == "Create" ? "Id" : "Target",
                        ["attributes"] = JourneyKitSchema.FilteringAttributes, ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({stepId:D})",
                    }, cancellationToken: ct).ConfigureAwait(false);
                }
            }
        }
        return changed;
    }

    private async Task LengthenAsync(JkTable table, JkColumn column, int maxLength, CancellationToken ct)
    {
        // An attribute is updated with PUT of its whole definition: read it, change MaxLength, write it back.
        var path = $"EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes(LogicalName='{column.LogicalName}')/{Ns}{column.Type}AttributeMetadata";
        var definition = await _client.RetrieveAsync(path, ct).ConfigureAwait(false);
        foreach (var annotation in definition.Properties().Where(p => p.Name.StartsWith("@odata.", StringComparison.Ordinal) && p.Name != "@odata.type").ToList()) annotation.Remove();
        definition["@odata.type"] = Ns + column.Type + "AttributeMetadata";
        definition["MaxLength"] = maxLength;
        var headers = new Dictionary<string, string>(InSolution) { ["MSCRM.MergeLabels"] = "true" };
        await _client.ExecuteAsync(HttpMethod.Put, $"EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes(LogicalName='{column.LogicalName}')", definition, headers, idempotent: true, ct).ConfigureAwait(false);
    }

    private static bool SameAttributes(string? a, string? b)
    {
        static string Norm(string? s) => string.Join(',', (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return Norm(a) == Norm(b);
    }

    private async Task<InstallPlan> RunUninstallAsync(bool apply, CancellationToken ct)
    {
        var steps = new List<InstallStep>();
        void Step(string component, string name, InstallAction action, string? detail = null) => steps.Add(new InstallStep(component, name, action, detail));
        var ifMatch = new Dictionary<string, string> { ["If-Match"] = "*" };
        var managed = await FindSolutionAsync(ct).ConfigureAwait(false);
        if ((bool?)managed?["ismanaged"] == true)
        {
            // A managed solution's components cannot be deleted one by one: deleting the solution removes them all, with their data.
            Step("solution", _options.SolutionUniqueName, InstallAction.Delete, "managed: Dataverse removes its tables (with their rows), columns, web resource, form changes and webhook steps");
            if (apply) await DeleteAsync($"solutions({(Guid)managed["solutionid"]!:D})", ct).ConfigureAwait(false);
            return new InstallPlan { Steps = steps, Applied = apply };
        }

        // Webhook: steps (their images go with them), then the endpoint.
        var endpoint = await FindOneAsync("serviceendpoints?$select=serviceendpointid,name&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("name", JourneyKitSchema.EndpointName)), ct).ConfigureAwait(false);
        if (endpoint is null)
        {
            Step("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Unchanged, "not registered");
        }
        else
        {
            var endpointId = (Guid)endpoint["serviceendpointid"]!;
            var registered = await QueryListAsync("sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,name&$filter=" + Uri.EscapeDataString($"_eventhandler_value eq {endpointId:D}"), ct).ConfigureAwait(false);
            foreach (var s in registered)
            {
                Step("step", (string?)s["name"] ?? "(unnamed step)", InstallAction.Delete);
                if (apply) await DeleteAsync($"sdkmessageprocessingsteps({(Guid)s["sdkmessageprocessingstepid"]!:D})", ct).ConfigureAwait(false);
            }
            Step("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Delete);
            if (apply) await DeleteAsync($"serviceendpoints({endpointId:D})", ct).ConfigureAwait(false);
        }

        // The panel on every main form that shows it, published before the web resource goes (forms depend on it).
        bool formsChanged = false;
        foreach (var entity in JourneyKitSchema.FormEntities)
        {
            var forms = await QueryListAsync($"systemforms?$select=formid,name,formxml&$filter=" + Uri.EscapeDataString($"objecttypecode eq '{entity}' and type eq 2"), ct).ConfigureAwait(false);
            foreach (var form in forms)
            {
                var formId = (Guid)form["formid"]!;
                var label = $"{entity} form '{form["name"]}'";
                var formXml = (string?)form["formxml"] ?? "<form />";
                bool has;
                try { has = FormXmlPanel.Contains(formXml, JourneyKitSchema.WebResourceName, label); }
                catch (FormatException) { continue; }
                if (!has) continue;
                formsChanged = true;
                Step("form", label, InstallAction.Update, "remove the panel");
                if (apply)
                {
                    await _client.ExecuteAsync(HttpMethod.Patch, $"systemforms({formId:D})", new JObject { ["formxml"] = FormXmlPanel.Remove(formXml, JourneyKitSchema.WebResourceName, label) }, ifMatch, idempotent: true, ct).ConfigureAwait(false);
                }
            }
        }
        if (formsChanged)
        {
            Step("publish", "contact, opportunity", InstallAction.Update, "PublishXml");
            if (apply) await PublishAsync(["contact", "opportunity"], null, ct).ConfigureAwait(false);
        }
        if (!formsChanged) Step("form", "contact and opportunity main forms", InstallAction.Unchanged, "no panel");

        var webResource = await FindOneAsync("webresourceset?$select=webresourceid&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("name", JourneyKitSchema.WebResourceName)), ct).ConfigureAwait(false);
        if (webResource is null) Step("web resource", JourneyKitSchema.WebResourceName, InstallAction.Unchanged, "absent");
        else
        {
            Step("web resource", JourneyKitSchema.WebResourceName, InstallAction.Delete);
            if (apply) await DeleteAsync($"webresourceset({(Guid)webResource["webresourceid"]!:D})", ct).ConfigureAwait(false);
        }

        // The contact lookup goes with its relationship; then the tables (objection first: it depends on persona).
        var contactLookup = JourneyKitSchema.Relationships.Single(r => r.ReferencingEntity == "contact");
        if (await GetOrNullAsync($"RelationshipDefinitions(SchemaName='{contactLookup.SchemaName}')?$select=SchemaName", ct).ConfigureAwait(false) is null)
        {
            Step("relationship", $"{contactLookup.SchemaName} (contact.{JourneyKitSchema.LookupName})", InstallAction.Unchanged, "absent");
        }
        else
        {
            Step("relationship", $"{contactLookup.SchemaName} (contact.{JourneyKitSchema.LookupName})", InstallAction.Delete, "contacts lose their persona");
            if (apply) await DeleteAsync($"RelationshipDefinitions(SchemaName='{contactLookup.SchemaName}')", ct).ConfigureAwait(false);
        }
        foreach (var table in JourneyKitSchema.Tables.Reverse())
        {
            if (await GetOrNullAsync($"EntityDefinitions(LogicalName='{table.LogicalName}')?$select=LogicalName", ct).ConfigureAwait(false) is null)
            {
                Step("table", table.LogicalName, InstallAction.Unchanged, "absent");
                continue;
            }
            Step("table", table.LogicalName, InstallAction.Delete, "with its rows");
            if (apply) await DeleteAsync($"EntityDefinitions(LogicalName='{table.LogicalName}')", ct).ConfigureAwait(false);
        }

        var solution = await FindSolutionAsync(ct).ConfigureAwait(false);
        if (solution is null) Step("solution", _options.SolutionUniqueName, InstallAction.Unchanged, "absent");
        else
        {
            Step("solution", _options.SolutionUniqueName, InstallAction.Delete, $"the publisher {_options.PublisherUniqueName} is kept");
            if (apply) await DeleteAsync($"solutions({(Guid)solution["solutionid"]!:D})", ct).ConfigureAwait(false);
        }
        return new InstallPlan { Steps = steps, Applied = apply };
    }

    private Task<JObject?> FindSolutionAsync(CancellationToken ct) =>
        FindOneAsync("solutions?$select=solutionid,uniquename,version,ismanaged,_publisherid_value&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("uniquename", _options.SolutionUniqueName)), ct);

    private async Task<HashSet<Guid>> SolutionComponentsAsync(Guid solutionId, CancellationToken ct)
    {
        var rows = await QueryListAsync("solutioncomponents?$select=objectid,componenttype&$filter=" + Uri.EscapeDataString($"_solutionid_value eq {solutionId:D}"), ct).ConfigureAwait(false);
        return rows.Select(r => (string?)r["objectid"]).Where(id => id is not null).Select(id => Guid.Parse(id!)).ToHashSet();
    }

    private Task AddComponentAsync(Guid componentId, int componentType, bool withSubcomponents, CancellationToken ct) =>
        _client.ExecuteAsync(HttpMethod.Post, "AddSolutionComponent", new JObject
        {
            ["ComponentId"] = componentId.ToString("D"), ["ComponentType"] = componentType, ["SolutionUniqueName"] = _options.SolutionUniqueName,
            ["AddRequiredComponents"] = false, ["DoNotIncludeSubcomponents"] = !withSubcomponents,
        }, idempotent: true, cancellationToken: ct);

    private Task PublishAsync(IEnumerable<string> entities, Guid? webResourceId, CancellationToken ct)
    {
        var xml = new StringBuilder("<importexportxml><entities>");
        foreach (var entity in entities) xml.Append("<entity>").Append(entity).Append("</entity>");
        xml.Append("</entities>");
        if (webResourceId is { } id) xml.Append("<webresources><webresource>{").Append(id.ToString("D")).Append("}</webresource></webresources>");
        xml.Append("</importexportxml>");
        return _client.ExecuteAsync(HttpMethod.Post, "PublishXml", new JObject { ["ParameterXml"] = xml.ToString() }, idempotent: true, cancellationToken: ct);
    }

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

    private async Task<List<JObject>> QueryListAsync(string pathAndQuery, CancellationToken ct)
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

    private JObject Label(string text) => new()
    {
        ["@odata.type"] = Ns + "Label",
        ["LocalizedLabels"] = new JArray(new JObject { ["@odata.type"] = Ns + "LocalizedLabel", ["Label"] = text, ["LanguageCode"] = _options.LanguageCode }),
    };

    private static JObject RequiredLevel(string level) => new() { ["Value"] = level, ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canmodifyrequirementlevelsettings" };

    private JObject TableBody(JkTable table)
    {
        var primary = ColumnBody(table.PrimaryName);
        primary["IsPrimaryName"] = true;
        primary["RequiredLevel"] = RequiredLevel("ApplicationRequired");
        return new JObject
        {
            ["@odata.type"] = Ns + "EntityMetadata",
            ["SchemaName"] = table.SchemaName,
            ["DisplayName"] = Label(table.DisplayName),
            ["DisplayCollectionName"] = Label(table.PluralName),
            ["Description"] = Label(table.Description),
            // Personas and objections are reference data every rep reads: no owner, organization-level privileges.
            ["OwnershipType"] = "OrganizationOwned",
            ["IsActivity"] = false,
            ["HasActivities"] = false,
            ["HasNotes"] = false,
            ["Attributes"] = new JArray(primary),
        };
    }

    private JObject ColumnBody(JkColumn column)
    {
        var body = new JObject
        {
            ["SchemaName"] = column.SchemaName,
            ["DisplayName"] = Label(column.DisplayName),
            ["Description"] = Label(column.Description),
            ["RequiredLevel"] = RequiredLevel("None"),
        };
        switch (column.Type)
        {
            case "String":
                body.AddFirst(new JProperty("@odata.type", Ns + "StringAttributeMetadata"));
                body["MaxLength"] = column.MaxLength;
                body["FormatName"] = new JObject { ["Value"] = "Text" };
                break;
            case "Memo":
                body.AddFirst(new JProperty("@odata.type", Ns + "MemoAttributeMetadata"));
                body["MaxLength"] = column.MaxLength;
                body["Format"] = "TextArea";
                break;
            case "Decimal":
                body.AddFirst(new JProperty("@odata.type", Ns + "DecimalAttributeMetadata"));
                body["Precision"] = 4;
                body["MinValue"] = 0;
                body["MaxValue"] = 1;
                break;
            case "Integer":
                body.AddFirst(new JProperty("@odata.type", Ns + "IntegerAttributeMetadata"));
                body["Format"] = "None";
                body["MinValue"] = 0;
                body["MaxValue"] = int.MaxValue;
                break;
            default:
                throw new InvalidOperationException($"JourneyKit's schema names an unknown column type '{column.Type}'.");
        }
        return body;
    }

    private JObject RelationshipBody(JkRelationship relationship) => new()
    {
        ["@odata.type"] = Ns + "OneToManyRelationshipMetadata",
        ["SchemaName"] = relationship.SchemaName,
        ["ReferencedEntity"] = "jk_persona",
        ["ReferencedAttribute"] = "jk_personaid",
        ["ReferencingEntity"] = relationship.ReferencingEntity,
        // The connector binds with "jk_personaid@odata.bind": name the navigation property so, not after the lookup's schema name.
        ["ReferencingEntityNavigationPropertyName"] = JourneyKitSchema.LookupName,
        ["ReferencedEntityNavigationPropertyName"] = relationship.SchemaName,
        ["CascadeConfiguration"] = new JObject
        {
            ["Assign"] = "NoCascade", ["Delete"] = relationship.DeleteCascade, ["Merge"] = "NoCascade", ["Reparent"] = "NoCascade",
            ["Share"] = "NoCascade", ["Unshare"] = "NoCascade",
        },
        ["Lookup"] = new JObject
        {
            ["@odata.type"] = Ns + "LookupAttributeMetadata",
            ["SchemaName"] = JourneyKitSchema.LookupSchemaName,
            ["DisplayName"] = Label("Persona"),
            ["Description"] = Label(relationship.Description),
            ["RequiredLevel"] = RequiredLevel("None"),
        },
    };
}
