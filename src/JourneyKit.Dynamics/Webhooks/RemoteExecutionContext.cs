namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// What Dataverse posts to a webhook: the execution context of the message that fired the step (the JSON form of
/// the SDK's <c>RemoteExecutionContext</c>). Parse one with <see cref="RemoteExecutionContextParser"/>.
/// </summary>
public sealed record RemoteExecutionContext
{
    /// <summary>The message, e.g. <c>Create</c> or <c>Update</c>.</summary>
    public required string MessageName { get; init; }

    /// <summary>The table the message ran on, e.g. <c>contact</c>.</summary>
    public required string PrimaryEntityName { get; init; }

    /// <summary>The id of the row the message ran on.</summary>
    public required Guid PrimaryEntityId { get; init; }

    /// <summary>The second table of the message, or <c>none</c>.</summary>
    public string? SecondaryEntityName { get; init; }

    /// <summary>How deep in a chain of plug-ins/steps this execution is: 1 for a change made by a user or an API call.</summary>
    public required int Depth { get; init; }

    /// <summary>The pipeline stage: 10 pre-validation, 20 pre-operation, 40 post-operation.</summary>
    public int Stage { get; init; }

    /// <summary>0 synchronous, 1 asynchronous.</summary>
    public int Mode { get; init; }

    /// <summary>The user the step runs as.</summary>
    public Guid UserId { get; init; }

    /// <summary>The user whose action started the pipeline.</summary>
    public Guid InitiatingUserId { get; init; }

    /// <summary>The organization (environment) id.</summary>
    public Guid OrganizationId { get; init; }

    /// <summary>The organization's unique name.</summary>
    public string? OrganizationName { get; init; }

    /// <summary>The business unit of the calling user.</summary>
    public Guid BusinessUnitId { get; init; }

    /// <summary>Ties together every execution that came from one original request (used by Dataverse's loop detection).</summary>
    public Guid CorrelationId { get; init; }

    /// <summary>The id of the asynchronous operation.</summary>
    public Guid OperationId { get; init; }

    /// <summary>The request id, when sent.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>When the asynchronous operation was created.</summary>
    public DateTimeOffset? OperationCreatedOn { get; init; }

    /// <summary>The request's parameters (e.g. <c>Target</c>, the row being created or the changed columns on Update).</summary>
    public IReadOnlyDictionary<string, object?> InputParameters { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The response's parameters (e.g. <c>id</c> after Create).</summary>
    public IReadOnlyDictionary<string, object?> OutputParameters { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Snapshots of the row before the operation, by the step image's alias. Empty when Dataverse dropped them.</summary>
    public IReadOnlyDictionary<string, WebhookEntity> PreEntityImages { get; init; } = new Dictionary<string, WebhookEntity>(StringComparer.Ordinal);

    /// <summary>Snapshots of the row after the operation, by the step image's alias. Empty when Dataverse dropped them.</summary>
    public IReadOnlyDictionary<string, WebhookEntity> PostEntityImages { get; init; } = new Dictionary<string, WebhookEntity>(StringComparer.Ordinal);

    /// <summary>Values plug-ins shared along the pipeline.</summary>
    public IReadOnlyDictionary<string, object?> SharedVariables { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The context of the operation that caused this one, when Dataverse sent it.</summary>
    public RemoteExecutionContext? ParentContext { get; init; }

    /// <summary>The <c>Target</c> input parameter when it is a row (Create, Update); otherwise null.</summary>
    public WebhookEntity? Target => InputParameters.TryGetValue("Target", out object? value) ? value as WebhookEntity : null;
}
