namespace JourneyKit.Dynamics.Webhooks;

/// <summary>Settings of the <see cref="ContactEventHandler"/>.</summary>
public sealed class ContactEventHandlerOptions
{
    /// <summary>The webhook's secret, as registered on the Dataverse service endpoint. Never logged.</summary>
    /// <value>Required; there is no default.</value>
    public required string WebhookKey { get; init; }

    /// <summary>How Dataverse presents the key.</summary>
    /// <value>The default is <see cref="WebhookAuthKind.WebhookKey"/> (<c>?code=</c>).</value>
    public WebhookAuthKind AuthKind { get; init; } = WebhookAuthKind.WebhookKey;

    /// <summary>The header carrying the key when <see cref="AuthKind"/> is <see cref="WebhookAuthKind.HttpHeader"/>.</summary>
    /// <value>The default is <c>x-journeykit-key</c>.</value>
    public string HeaderName { get; init; } = "x-journeykit-key";

    /// <summary>The query-string parameter carrying the key when <see cref="AuthKind"/> is <see cref="WebhookAuthKind.HttpQueryString"/>.</summary>
    /// <value>The default is <c>jk-key</c>.</value>
    public string QueryParameterName { get; init; } = "jk-key";

    /// <summary>
    /// How long the Dataverse calls of one event (account read and persona write) may take before the handler
    /// answers 503. Dataverse gives up on a webhook after 60 s; this keeps the answer well inside that.
    /// </summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events deeper than this (caused by another plug-in or step) are ignored.</summary>
    /// <value>The default is 1.</value>
    public int MaxDepth { get; init; } = 1;

    /// <summary>
    /// Users whose changes are ignored (matched against the context's <c>InitiatingUserId</c> and <c>UserId</c>),
    /// typically the application user JourneyKit writes as, so that its own writes never trigger it again.
    /// </summary>
    /// <value>The default is empty.</value>
    public IReadOnlyCollection<Guid> IgnoredUserIds { get; init; } = [];
}
