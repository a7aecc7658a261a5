namespace JourneyKit.Dynamics.Webhooks;

/// <summary>A lookup value in a webhook payload (<c>EntityReference</c>): the table and id of the referenced row.</summary>
/// <param name="LogicalName">The referenced table's logical name, e.g. <c>account</c>.</param>
/// <param name="Id">The referenced row's id.</param>
/// <param name="Name">The row's primary name, when Dataverse sent it.</param>
public sealed record WebhookEntityReference(string LogicalName, Guid Id, string? Name = null);
