namespace JourneyKit.Dynamics.Webhooks;

/// <summary>How Dataverse presents the webhook's secret (the service endpoint's <c>authtype</c>).</summary>
public enum WebhookAuthKind
{
    /// <summary><c>authtype</c> 4: Dataverse adds <c>?code=KEY</c> to the URL.</summary>
    WebhookKey = 4,

    /// <summary><c>authtype</c> 5: Dataverse sends the key in an HTTP header (see <see cref="ContactEventHandlerOptions.HeaderName"/>).</summary>
    HttpHeader = 5,
}
