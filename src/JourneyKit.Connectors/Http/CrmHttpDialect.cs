using JourneyKit.Connectors.Text;
using System.Globalization;
using JourneyKit.Model;
using Newtonsoft.Json;
using JourneyKit.Connectors.Abstractions;

namespace JourneyKit.Connectors.Http;

/// <summary>
/// What differs between the CRMs inside the one <see cref="CrmHttpPipeline"/>: the request headers, how a 429 names its
/// policy and how long it asks to wait, how an error answer becomes a <see cref="CrmException"/>, and the logs and
/// metrics. The order of the stages and the retry rules are the pipeline's, the same for both.
/// </summary>
internal abstract class CrmHttpDialect
{
    private IReadOnlyList<Func<IEnumerable<string?>>> _secrets = [];

    /// <summary>The CRM.</summary>
    public abstract CrmKind Crm { get; }

    /// <summary>Whether a 401 is sent again once even when the token provider cannot refresh (Dataverse: a token may be refused once while it propagates).</summary>
    public virtual bool ResendOnceOn401 => false;

    /// <summary>Whether a malformed success body is retried (Dataverse) or fails at once (HubSpot).</summary>
    public virtual bool RetriesMalformedBody => false;

    /// <summary>Adds the CRM's fixed headers to an attempt.</summary>
    public abstract void Prepare(HttpRequestMessage request);

    /// <summary>Sees every answer (e.g. Dataverse's <c>x-ms-dop-hint</c>) and logs it.</summary>
    public virtual void Observe(CrmHttpAnswer answer, string describe, TimeSpan elapsed)
    {
    }

    /// <summary>The rate-limit policy a 429 names (HubSpot's <c>policyName</c>, Dataverse's service-protection code), or null.</summary>
    public abstract string? ThrottlePolicy(CrmHttpAnswer answer);

    /// <summary>Whether a 429 of this policy must not be retried at all (HubSpot's <c>DAILY</c>).</summary>
    public virtual bool StopsAtOnce(string? policy) => false;

    /// <summary>How long a 429 without a usable <c>Retry-After</c> waits, or null for the back-off.</summary>
    public virtual TimeSpan? ThrottleWaitWithoutRetryAfter(CrmHttpAnswer answer, string? policy) => null;

    /// <summary>The 429 of a policy that stops at once.</summary>
    public abstract CrmRateLimitException LimitUsedUp(CrmHttpAnswer answer, string describe, string? policy);

    /// <summary>The 429s outlasted the budget.</summary>
    public abstract CrmRateLimitException StillThrottled(CrmHttpAnswer answer, string describe, string? policy, TimeSpan? wait, int attempts);

    /// <summary>The connection broke (or timed out) and will not be tried again.</summary>
    public abstract CrmException ConnectionFailed(string describe, Exception cause, bool midResponse, int attempts);

    /// <summary>An error answer (4xx, 5xx) that will not be tried again.</summary>
    public abstract CrmException ErrorAnswer(CrmHttpAnswer answer, string describe, bool transient);

    /// <summary>A success answer whose body could not be read.</summary>
    public abstract CrmException MalformedBody(CrmHttpAnswer answer, string describe, JsonException cause);

    /// <summary>The request id the CRM gave the answer (Dataverse <c>REQ_ID</c>), or null.</summary>
    public virtual string? RequestId(CrmHttpAnswer answer) => null;

    /// <summary>Logs and counts a retry before its wait.</summary>
    public abstract void OnRetry(CrmRetryReason reason, string describe, TimeSpan delay, int status, string? policy);

    /// <summary>Logs a broken connection (every one, retried or not).</summary>
    public virtual void OnConnectionFailed(string describe, int attempt, Exception cause)
    {
    }

    /// <summary>The metric tag of a retry reason.</summary>
    public static string Tag(CrmRetryReason reason) => reason switch
    {
        CrmRetryReason.Unauthorized => "unauthorized",
        CrmRetryReason.Throttled => "throttled",
        CrmRetryReason.OtherIdentity => "other_identity",
        CrmRetryReason.ServerError => "server_error",
        CrmRetryReason.MalformedBody => "malformed_body",
        _ => "connection",
    };

    /// <summary>Where the secrets to redact come from (static tokens, client secrets, a provider's current tokens).</summary>
    public void RedactFrom(params Func<IEnumerable<string?>>[] sources) => _secrets = sources;

    /// <summary>The redaction stage: removes every secret the client knows from a text bound for a message or a log.</summary>
    public string Redact(string text) => SecretRedactor.Redact(text, _secrets.SelectMany(source => source()));

    /// <summary>The status as text.</summary>
    protected static string Text(int status) => status.ToString(CultureInfo.InvariantCulture);
}
