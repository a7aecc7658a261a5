using JourneyKit.Connectors.Dataverse.Models;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Dataverse.Clients;

public partial class DataverseMetadataClient
{
    // ---- Webhooks: service endpoints, steps, images ----

    /// <summary>Finds a service endpoint by name.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The endpoint (never with its key), or null.</returns>
    public virtual async Task<DataverseServiceEndpoint?> FindServiceEndpointAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await FindOneAsync("serviceendpoints?$select=serviceendpointid,name,url,contract,authtype,messageformat&$filter=" + Uri.EscapeDataString(DataverseFilter.Equal("name", name)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new DataverseServiceEndpoint
        {
            Id = (Guid?)row["serviceendpointid"], Name = (string?)row["name"] ?? name, Url = (string?)row["url"],
            Contract = (int?)row["contract"], AuthType = (int?)row["authtype"], MessageFormat = (int?)row["messageformat"],
        };
    }

    /// <summary>Registers a service endpoint. Not retried after a dropped connection.</summary>
    /// <param name="endpoint">The endpoint, with its key in <see cref="DataverseServiceEndpoint.AuthValue"/>.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its id.</returns>
    public virtual async Task<Guid?> CreateServiceEndpointAsync(DataverseServiceEndpoint endpoint, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var created = await _client.ExecuteAsync(HttpMethod.Post, "serviceendpoints", new JObject
        {
            ["name"] = endpoint.Name, ["description"] = endpoint.Description,
            ["contract"] = endpoint.Contract, ["authtype"] = endpoint.AuthType, ["authvalue"] = endpoint.AuthValue, ["messageformat"] = endpoint.MessageFormat, ["url"] = endpoint.Url,
            ["userclaim"] = endpoint.UserClaim,
        }, InSolution(solutionUniqueName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return created.EntityGuid;
    }

    /// <summary>Updates a service endpoint's URL, contract, auth and format; Dataverse asks for the key again whenever auth settings are written.</summary>
    /// <param name="endpointId">The endpoint.</param>
    /// <param name="endpoint">The new settings (its name is not changed).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is updated.</returns>
    public virtual Task UpdateServiceEndpointAsync(Guid endpointId, DataverseServiceEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Patch($"serviceendpoints({endpointId:D})", new JObject
        {
            ["url"] = endpoint.Url, ["contract"] = endpoint.Contract, ["authtype"] = endpoint.AuthType, ["messageformat"] = endpoint.MessageFormat, ["authvalue"] = endpoint.AuthValue,
        }, cancellationToken);
    }

    /// <summary>Deletes a service endpoint; succeeds when it is already gone.</summary>
    /// <param name="endpointId">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual Task DeleteServiceEndpointAsync(Guid endpointId, CancellationToken cancellationToken = default) => DeleteAsync($"serviceendpoints({endpointId:D})", cancellationToken);

    /// <summary>The SDK messages with the given names, e.g. <c>Create</c> and <c>Update</c>.</summary>
    /// <param name="names">The names.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The messages found.</returns>
    public virtual async Task<IReadOnlyList<DataverseSdkMessage>> GetSdkMessagesAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        var filter = string.Join(" or ", names.Select(n => DataverseFilter.Equal("name", n)));
        var rows = await ListAsync("sdkmessages?$select=sdkmessageid,name&$filter=" + Uri.EscapeDataString(filter), cancellationToken).ConfigureAwait(false);
        return rows.Select(m => new DataverseSdkMessage((Guid)m["sdkmessageid"]!, (string?)m["name"] ?? "")).ToList();
    }

    /// <summary>The SDK message filter of a message on a table (what a step for that table names).</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="table">The table's logical name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The filter's id, or null when the message does not apply to the table.</returns>
    public virtual async Task<Guid?> FindSdkMessageFilterIdAsync(Guid messageId, string table, CancellationToken cancellationToken = default)
    {
        var row = await FindOneAsync("sdkmessagefilters?$select=sdkmessagefilterid&$filter=" + Uri.EscapeDataString($"primaryobjecttypecode eq '{Key(table)}' and _sdkmessageid_value eq {messageId:D}"), cancellationToken).ConfigureAwait(false);
        return row is null ? null : (Guid?)row["sdkmessagefilterid"];
    }

    /// <summary>The steps that call a service endpoint.</summary>
    /// <param name="endpointId">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The steps.</returns>
    public virtual async Task<IReadOnlyList<DataverseProcessingStep>> GetProcessingStepsAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,name,stage,mode,filteringattributes,_sdkmessageid_value&$filter="
            + Uri.EscapeDataString($"_eventhandler_value eq {endpointId:D}"), cancellationToken).ConfigureAwait(false);
        return rows.Select(s => new DataverseProcessingStep
        {
            Id = (Guid?)s["sdkmessageprocessingstepid"], Name = (string?)s["name"] ?? "", Stage = (int?)s["stage"], Mode = (int?)s["mode"],
            FilteringAttributes = (string?)s["filteringattributes"], ServiceEndpointId = endpointId,
            MessageId = (string?)s["_sdkmessageid_value"] is { } m && Guid.TryParse(m, out var g) ? g : null,
        }).ToList();
    }

    /// <summary>Registers a step on a service endpoint. Not retried after a dropped connection.</summary>
    /// <param name="step">The step, with its message, message filter and endpoint.</param>
    /// <param name="solutionUniqueName">The solution to create it in, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its id.</returns>
    public virtual async Task<Guid?> CreateProcessingStepAsync(DataverseProcessingStep step, string? solutionUniqueName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        var body = new JObject
        {
            ["name"] = step.Name, ["description"] = step.Description,
            ["stage"] = step.Stage, ["mode"] = step.Mode, ["rank"] = step.Rank, ["supporteddeployment"] = step.SupportedDeployment, ["asyncautodelete"] = step.AsyncAutoDelete,
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({step.MessageId:D})", ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({step.MessageFilterId:D})",
            ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({step.ServiceEndpointId:D})",
        };
        if (step.FilteringAttributes is not null) body["filteringattributes"] = step.FilteringAttributes;
        var created = await _client.ExecuteAsync(HttpMethod.Post, "sdkmessageprocessingsteps", body, InSolution(solutionUniqueName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return created.EntityGuid;
    }

    /// <summary>Sets a step's stage, mode and filtering columns.</summary>
    /// <param name="stepId">The step.</param>
    /// <param name="stage">The stage, e.g. 40 (post-operation).</param>
    /// <param name="mode">The mode, e.g. 1 (asynchronous).</param>
    /// <param name="filteringAttributes">The columns whose change triggers it, or null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is updated.</returns>
    public virtual Task UpdateProcessingStepAsync(Guid stepId, int stage, int mode, string? filteringAttributes, CancellationToken cancellationToken = default) =>
        Patch($"sdkmessageprocessingsteps({stepId:D})", new JObject { ["stage"] = stage, ["mode"] = mode, ["filteringattributes"] = filteringAttributes }, cancellationToken);

    /// <summary>Deletes a step (its images go with it); succeeds when it is already gone.</summary>
    /// <param name="stepId">The step.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual Task DeleteProcessingStepAsync(Guid stepId, CancellationToken cancellationToken = default) => DeleteAsync($"sdkmessageprocessingsteps({stepId:D})", cancellationToken);

    /// <summary>The images registered on a step.</summary>
    /// <param name="stepId">The step.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The images.</returns>
    public virtual async Task<IReadOnlyList<DataverseProcessingStepImage>> GetProcessingStepImagesAsync(Guid stepId, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync("sdkmessageprocessingstepimages?$select=sdkmessageprocessingstepimageid,imagetype,attributes&$filter="
            + Uri.EscapeDataString($"_sdkmessageprocessingstepid_value eq {stepId:D}"), cancellationToken).ConfigureAwait(false);
        return rows.Select(i => new DataverseProcessingStepImage
        {
            Id = (Guid?)i["sdkmessageprocessingstepimageid"], ImageType = (int?)i["imagetype"], Attributes = (string?)i["attributes"], StepId = stepId,
        }).ToList();
    }

    /// <summary>Registers an image on a step.</summary>
    /// <param name="image">The image, with its step.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when it is registered.</returns>
    public virtual Task CreateProcessingStepImageAsync(DataverseProcessingStepImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return _client.ExecuteAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", new JObject
        {
            ["name"] = image.Name, ["entityalias"] = image.EntityAlias, ["imagetype"] = image.ImageType, ["messagepropertyname"] = image.MessagePropertyName,
            ["attributes"] = image.Attributes, ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({image.StepId:D})",
        }, cancellationToken: cancellationToken);
    }
}
