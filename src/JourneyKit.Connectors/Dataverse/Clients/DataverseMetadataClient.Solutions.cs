using System.Text;
using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse.Clients;

public partial class DataverseMetadataClient
{
    // ---- Publishers and solutions ----

    /// <summary>Finds a publisher by unique name.</summary>
    /// <param name="uniqueName">The unique name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The publisher, or null.</returns>
    public virtual async Task<DataversePublisher?> FindPublisherAsync(string uniqueName, CancellationToken cancellationToken = default)
    {
        var row = await FindOneAsync("publishers?$select=publisherid,uniquename,customizationprefix,customizationoptionvalueprefix&$filter="
            + Uri.EscapeDataString(DataverseFilter.Equal("uniquename", uniqueName)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new DataversePublisher
        {
            Id = (Guid?)row["publisherid"], UniqueName = (string?)row["uniquename"] ?? uniqueName, CustomizationPrefix = (string?)row["customizationprefix"] ?? "",
            CustomizationOptionValuePrefix = (int?)row["customizationoptionvalueprefix"],
        };
    }

    /// <summary>Creates a publisher. Not retried after a dropped connection.</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its id.</returns>
    public virtual async Task<Guid?> CreatePublisherAsync(DataversePublisher publisher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var created = await _client.CreateAsync("publishers", new JObject
        {
            ["uniquename"] = publisher.UniqueName, ["friendlyname"] = publisher.FriendlyName, ["customizationprefix"] = publisher.CustomizationPrefix,
            ["customizationoptionvalueprefix"] = publisher.CustomizationOptionValuePrefix, ["description"] = publisher.Description,
        }, cancellationToken).ConfigureAwait(false);
        return (Guid?)created["publisherid"];
    }

    /// <summary>Finds a solution by unique name.</summary>
    /// <param name="uniqueName">The unique name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The solution, or null.</returns>
    public virtual async Task<DataverseSolution?> FindSolutionAsync(string uniqueName, CancellationToken cancellationToken = default)
    {
        var row = await FindOneAsync("solutions?$select=solutionid,uniquename,version,ismanaged,_publisherid_value&$filter="
            + Uri.EscapeDataString(DataverseFilter.Equal("uniquename", uniqueName)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new DataverseSolution
        {
            Id = (Guid?)row["solutionid"], UniqueName = (string?)row["uniquename"] ?? uniqueName, Version = (string?)row["version"], IsManaged = (bool?)row["ismanaged"] == true,
            PublisherId = (string?)row["_publisherid_value"] is { } owner && Guid.TryParse(owner, out var ownerId) ? ownerId : null,
        };
    }

    /// <summary>Creates an unmanaged solution of a publisher. Not retried after a dropped connection.</summary>
    /// <param name="solution">The solution; <see cref="DataverseSolution.PublisherId"/> names its publisher.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its id.</returns>
    public virtual async Task<Guid?> CreateSolutionAsync(DataverseSolution solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var created = await _client.CreateAsync("solutions", new JObject
        {
            ["uniquename"] = solution.UniqueName, ["friendlyname"] = solution.FriendlyName, ["version"] = solution.Version, ["description"] = solution.Description,
            ["publisherid@odata.bind"] = $"/publishers({solution.PublisherId:D})",
        }, cancellationToken).ConfigureAwait(false);
        return (Guid?)created["solutionid"];
    }

    /// <summary>Sets a solution's version.</summary>
    /// <param name="solutionId">The solution.</param>
    /// <param name="version">The version, e.g. <c>1.1.0.0</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is updated.</returns>
    public virtual Task SetSolutionVersionAsync(Guid solutionId, string version, CancellationToken cancellationToken = default) =>
        Patch($"solutions({solutionId:D})", new JObject { ["version"] = version }, cancellationToken);

    /// <summary>Deletes a solution (a managed one takes its components and their data with it); succeeds when it is already gone.</summary>
    /// <param name="solutionId">The solution.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual Task DeleteSolutionAsync(Guid solutionId, CancellationToken cancellationToken = default) => DeleteAsync($"solutions({solutionId:D})", cancellationToken);

    /// <summary>The ids of the components a solution holds.</summary>
    /// <param name="solutionId">The solution.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The component object ids.</returns>
    public virtual async Task<IReadOnlySet<Guid>> GetSolutionComponentIdsAsync(Guid solutionId, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("solutioncomponents?$select=objectid,componenttype&$filter=" + Uri.EscapeDataString($"_solutionid_value eq {solutionId:D}"), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (string?)r["objectid"]).Where(id => id is not null).Select(id => Guid.Parse(id!)).ToHashSet();
    }

    /// <summary>Adds an existing component to a solution (<c>AddSolutionComponent</c>), without its required components.</summary>
    /// <param name="componentId">The component's id (a table's <c>MetadataId</c>, a form id, …).</param>
    /// <param name="componentType">Its type.</param>
    /// <param name="solutionUniqueName">The solution.</param>
    /// <param name="includeSubcomponents">Whether a table brings all its columns, keys and relationships.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is added.</returns>
    public virtual Task AddSolutionComponentAsync(Guid componentId, DataverseComponentType componentType, string solutionUniqueName, bool includeSubcomponents = false, CancellationToken cancellationToken = default) =>
        _client.ExecuteAsync(HttpMethod.Post, "AddSolutionComponent", new JObject
        {
            ["ComponentId"] = componentId.ToString("D"), ["ComponentType"] = (int)componentType, ["SolutionUniqueName"] = solutionUniqueName,
            ["AddRequiredComponents"] = false, ["DoNotIncludeSubcomponents"] = !includeSubcomponents,
        }, idempotent: true, cancellationToken: cancellationToken);

    // ---- Web resources and forms ----

    /// <summary>Finds a web resource by name, with its content.</summary>
    /// <param name="name">Its unique name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The web resource, or null.</returns>
    public virtual async Task<DataverseWebResource?> FindWebResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await FindOneAsync("webresourceset?$select=webresourceid,name,content&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("name", name)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new DataverseWebResource { Id = (Guid?)row["webresourceid"], Name = (string?)row["name"] ?? name, Content = (string?)row["content"] };
    }

    /// <summary>The id of a web resource, without its content.</summary>
    /// <param name="name">Its unique name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its id, or null when there is none.</returns>
    public virtual async Task<Guid?> FindWebResourceIdAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await FindOneAsync("webresourceset?$select=webresourceid&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("name", name)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : (Guid?)row["webresourceid"];
    }

    /// <summary>Creates a web resource. Not retried after a dropped connection.</summary>
    /// <param name="webResource">The web resource, with its content.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its id.</returns>
    public virtual async Task<Guid?> CreateWebResourceAsync(DataverseWebResource webResource, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webResource);
        var created = await _client.ExecuteAsync(HttpMethod.Post, "webresourceset", new JObject
        {
            ["name"] = webResource.Name, ["displayname"] = webResource.DisplayName, ["webresourcetype"] = webResource.WebResourceType, ["content"] = webResource.Content,
            ["description"] = webResource.Description,
        }, InSolution(solutionUniqueName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return created.EntityGuid;
    }

    /// <summary>Replaces a web resource's content (published with <see cref="PublishXmlAsync"/>).</summary>
    /// <param name="webResourceId">The web resource.</param>
    /// <param name="content">The content, base64.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is updated.</returns>
    public virtual Task SetWebResourceContentAsync(Guid webResourceId, string content, CancellationToken cancellationToken = default) =>
        Patch($"webresourceset({webResourceId:D})", new JObject { ["content"] = content }, cancellationToken);

    /// <summary>Deletes a web resource; succeeds when it is already gone.</summary>
    /// <param name="webResourceId">The web resource.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual Task DeleteWebResourceAsync(Guid webResourceId, CancellationToken cancellationToken = default) => DeleteAsync($"webresourceset({webResourceId:D})", cancellationToken);

    /// <summary>A table's main forms (<c>type eq 2</c>) with their form XML.</summary>
    /// <param name="table">The table's logical name (<c>objecttypecode</c>).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The forms.</returns>
    public virtual async Task<IReadOnlyList<DataverseSystemForm>> GetMainFormsAsync(string table, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("systemforms?$select=formid,name,formxml,isdefault&$filter=" + Uri.EscapeDataString($"objecttypecode eq '{Key(table)}' and type eq 2"), cancellationToken).ConfigureAwait(false);
        return rows.Select(f => new DataverseSystemForm((Guid)f["formid"]!, (string?)f["name"], (string?)f["formxml"], (bool?)f["isdefault"] == true)).ToList();
    }

    /// <summary>Replaces a form's XML (published with <see cref="PublishXmlAsync"/>).</summary>
    /// <param name="formId">The form.</param>
    /// <param name="formXml">The new form XML.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is updated.</returns>
    public virtual Task SetFormXmlAsync(Guid formId, string formXml, CancellationToken cancellationToken = default) =>
        Patch($"systemforms({formId:D})", new JObject { ["formxml"] = formXml }, cancellationToken);

    // ---- Publish and export ----

    /// <summary>Publishes the customizations of some tables and web resources (<c>PublishXml</c>).</summary>
    /// <param name="tables">The tables' logical names.</param>
    /// <param name="webResourceIds">The web resources.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse published them.</returns>
    public virtual Task PublishXmlAsync(IEnumerable<string> tables, IEnumerable<Guid>? webResourceIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var xml = new StringBuilder("<importexportxml><entities>");
        foreach (var table in tables) xml.Append("<entity>").Append(System.Security.SecurityElement.Escape(table)).Append("</entity>");
        xml.Append("</entities>");
        var ids = webResourceIds?.ToList() ?? [];
        if (ids.Count > 0)
        {
            xml.Append("<webresources>");
            foreach (var id in ids) xml.Append("<webresource>{").Append(id.ToString("D")).Append("}</webresource>");
            xml.Append("</webresources>");
        }
        xml.Append("</importexportxml>");
        return _client.ExecuteAsync(HttpMethod.Post, "PublishXml", new JObject { ["ParameterXml"] = xml.ToString() }, idempotent: true, cancellationToken: cancellationToken);
    }

    /// <summary>Publishes every unpublished customization (<c>PublishAllXml</c>); slower than <see cref="PublishXmlAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Dataverse published them.</returns>
    public virtual Task PublishAllXmlAsync(CancellationToken cancellationToken = default) =>
        _client.ExecuteAsync(HttpMethod.Post, "PublishAllXml", new JObject(), idempotent: true, cancellationToken: cancellationToken);

    /// <summary>Exports a solution (<c>ExportSolution</c>).</summary>
    /// <param name="uniqueName">The solution's unique name.</param>
    /// <param name="managed">Whether to export it managed (for test and production) or unmanaged (for development).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The zip's bytes, with Dataverse's request id.</returns>
    /// <exception cref="DataverseException">The export failed, or Dataverse answered without a file or with one that is not base64.</exception>
    public virtual async Task<DataverseSolutionExport> ExportSolutionAsync(string uniqueName, bool managed, CancellationToken cancellationToken = default)
    {
        var response = await _client.ExecuteAsync(HttpMethod.Post, "ExportSolution",
            new JObject { ["SolutionName"] = uniqueName, ["Managed"] = managed }, idempotent: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var file = (string?)response.Body?["ExportSolutionFile"]
            ?? throw new DataverseException("Dataverse answered ExportSolution without an ExportSolutionFile.") { Request = "POST ExportSolution", RequestId = response.RequestId };
        try
        {
            return new DataverseSolutionExport(Convert.FromBase64String(file), response.RequestId);
        }
        catch (FormatException ex)
        {
            throw new DataverseException("Dataverse's ExportSolutionFile is not valid base64.", ex) { Request = "POST ExportSolution", RequestId = response.RequestId };
        }
    }
}
