namespace JourneyKit.Dynamics.Webhooks;

/// <summary>How Dataverse presents the webhook's secret (the service endpoint's <c>authtype</c>).</summary>
public enum WebhookAuthKind
{
    /// <summary><c>authtype</c> 4: Dataverse adds <c>?code=KEY</c> to the URL.</summary>
    WebhookKey = 4,

    /// <summary>
    /// <c>authtype</c> 5: Dataverse sends the key in an HTTP header (see <see cref="ContactEventHandlerOptions.HeaderName"/>);
    /// the endpoint's <c>authvalue</c> is <c>&lt;settings&gt;&lt;setting name="x-journeykit-key" value="KEY" /&gt;&lt;/settings&gt;</c>.
    /// </summary>
    HttpHeader = 5,

    /// <summary>
    /// <c>authtype</c> 6: Dataverse adds a query-string parameter (see <see cref="ContactEventHandlerOptions.QueryParameterName"/>);
    /// the endpoint's <c>authvalue</c> is <c>&lt;settings&gt;&lt;setting name="jk-key" value="KEY" /&gt;&lt;/settings&gt;</c>.
    /// </summary>
    HttpQueryString = 6,
}
