using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>
/// The contact-event webhook, when a URL and key are given: the service endpoint (WebhookKey auth, JSON), the
/// post-operation asynchronous steps on contact Create and Update (filtered to the columns personas depend on) and
/// their post images. Uninstall deletes the steps (their images go with them), then the endpoint.
/// </summary>
internal sealed class WebhookStep : InstallStepBase
{
    private const int Webhook = 8, WebhookKeyAuth = 4, Json = 2, NoUserClaim = 1, PostOperation = 40, Asynchronous = 1, PostImage = 1;

    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        if (c.Options.WebhookUrl is not { } url || c.Options.WebhookKey is not { } key) return;
        var m = c.Metadata;
        var endpoint = await m.FindServiceEndpointAsync(JourneyKitSchema.EndpointName, ct).ConfigureAwait(false);
        var endpointId = endpoint?.Id;
        var wanted = new DataverseServiceEndpoint
        {
            Name = JourneyKitSchema.EndpointName, Description = "JourneyKit sets a contact's persona when its job title or company changes.",
            Contract = Webhook, AuthType = WebhookKeyAuth, AuthValue = key, MessageFormat = Json, Url = url.AbsoluteUri, UserClaim = NoUserClaim,
        };
        var portNote = url.IsDefaultPort ? "" : $" (Dataverse calls webhooks only on ports 80 and 443: port {url.Port} is not reached from Dataverse online)";
        if (endpoint is null)
        {
            c.Record("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Create, $"webhook to {url.GetLeftPart(UriPartial.Path)}, key ***" + portNote);
            if (c.Apply) endpointId = await m.CreateServiceEndpointAsync(wanted, c.SolutionName, ct).ConfigureAwait(false);
        }
        else
        {
            var differences = new List<string>();
            if (endpoint.Url != wanted.Url) differences.Add($"url → {url.GetLeftPart(UriPartial.Path)}" + portNote);
            if (endpoint.Contract != Webhook || endpoint.AuthType != WebhookKeyAuth || endpoint.MessageFormat != Json) differences.Add("webhook with WebhookKey auth and JSON");
            if (c.Options.RotateWebhookKey) differences.Add("key ***");
            if (differences.Count == 0)
            {
                c.Record("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Unchanged);
            }
            else
            {
                c.Record("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Update, string.Join("; ", differences));
                // Dataverse asks for the key again whenever the auth settings are written.
                if (c.Apply && endpointId is { } id) await m.UpdateServiceEndpointAsync(id, wanted, ct).ConfigureAwait(false);
            }
        }
        await c.InSolutionAsync("service endpoint " + JourneyKitSchema.EndpointName, endpointId, endpoint is null, DataverseComponentType.ServiceEndpoint, ct).ConfigureAwait(false);

        var messages = await m.GetSdkMessagesAsync(["Create", "Update"], ct).ConfigureAwait(false);
        var existingSteps = endpoint is null || endpointId is not { } registered ? [] : await m.GetProcessingStepsAsync(registered, ct).ConfigureAwait(false);
        foreach (var message in new[] { "Create", "Update" })
        {
            var messageId = (messages.FirstOrDefault(x => x.Name == message)
                ?? throw new DataverseException($"Dataverse has no SDK message '{message}' (sdkmessages): the webhook steps cannot be registered.") { Request = "GET sdkmessages" }).Id;
            await InstallStepAsync(c, message, messageId, endpointId, existingSteps.FirstOrDefault(s => s.MessageId == messageId), ct).ConfigureAwait(false);
        }
    }

    private static async Task InstallStepAsync(InstallContext c, string message, Guid messageId, Guid? endpointId, DataverseProcessingStep? existing, CancellationToken ct)
    {
        var m = c.Metadata;
        var stepName = $"JourneyKit: contact {message}";
        var filtering = message == "Update" ? JourneyKitSchema.FilteringAttributes : null;
        var stepId = existing?.Id;
        if (existing is null)
        {
            c.Record("step", stepName, InstallAction.Create, "post-operation, asynchronous" + (filtering is null ? "" : ", on " + filtering) + ", post image");
            if (c.Apply)
            {
                var filter = await m.FindSdkMessageFilterIdAsync(messageId, "contact", ct).ConfigureAwait(false)
                    ?? throw new DataverseException($"Dataverse has no SDK message filter for contact {message}: the webhook step cannot be registered.") { Request = "GET sdkmessagefilters" };
                stepId = await m.CreateProcessingStepAsync(new DataverseProcessingStep
                {
                    Name = stepName, Description = "Registered by journeykit dynamics install.",
                    Stage = PostOperation, Mode = Asynchronous, Rank = 1, SupportedDeployment = 0, AsyncAutoDelete = true,
                    MessageId = messageId, MessageFilterId = filter, ServiceEndpointId = endpointId, FilteringAttributes = filtering,
                }, c.SolutionName, ct).ConfigureAwait(false);
            }
        }
        else if (existing.Stage != PostOperation || existing.Mode != Asynchronous || !SameAttributes(existing.FilteringAttributes, filtering))
        {
            c.Record("step", stepName, InstallAction.Update, "post-operation, asynchronous" + (filtering is null ? "" : ", on " + filtering));
            if (c.Apply && stepId is { } id) await m.UpdateProcessingStepAsync(id, PostOperation, Asynchronous, filtering, ct).ConfigureAwait(false);
        }
        else
        {
            c.Record("step", stepName, InstallAction.Unchanged);
        }
        await c.InSolutionAsync("step " + stepName, stepId, existing is null, DataverseComponentType.SdkMessageProcessingStep, ct).ConfigureAwait(false);

        var images = existing is null || stepId is not { } registered ? [] : await m.GetProcessingStepImagesAsync(registered, ct).ConfigureAwait(false);
        if (images.Any(i => i.ImageType is 1 or 2))
        {
            c.Record("step image", stepName + " / PostImage", InstallAction.Unchanged);
            return;
        }
        c.Record("step image", stepName + " / PostImage", InstallAction.Create, JourneyKitSchema.FilteringAttributes);
        if (c.Apply)
        {
            await m.CreateProcessingStepImageAsync(new DataverseProcessingStepImage
            {
                Name = "PostImage", EntityAlias = "PostImage", ImageType = PostImage, MessagePropertyName = message == "Create" ? "Id" : "Target",
                Attributes = JourneyKitSchema.FilteringAttributes, StepId = stepId,
            }, ct).ConfigureAwait(false);
        }
    }

    protected override async Task UninstallAsync(InstallContext c, CancellationToken ct)
    {
        var endpoint = await c.Metadata.FindServiceEndpointAsync(JourneyKitSchema.EndpointName, ct).ConfigureAwait(false);
        if (endpoint?.Id is not { } endpointId)
        {
            c.Record("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Unchanged, "not registered");
            return;
        }
        foreach (var step in await c.Metadata.GetProcessingStepsAsync(endpointId, ct).ConfigureAwait(false))
        {
            c.Record("step", step.Name is { Length: > 0 } name ? name : "(unnamed step)", InstallAction.Delete);
            if (c.Apply && step.Id is { } id) await c.Metadata.DeleteProcessingStepAsync(id, ct).ConfigureAwait(false);
        }
        c.Record("service endpoint", JourneyKitSchema.EndpointName, InstallAction.Delete);
        if (c.Apply) await c.Metadata.DeleteServiceEndpointAsync(endpointId, ct).ConfigureAwait(false);
    }

    private static bool SameAttributes(string? a, string? b)
    {
        static string Norm(string? s) => string.Join(',', (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return Norm(a) == Norm(b);
    }
}
