using System.Diagnostics.Metrics;
using System.Diagnostics;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Dynamics.Personas;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Handles the webhook Dataverse calls on contact Create and Update: checks the key, reads the RemoteExecutionContext,
/// decides the contact's persona with <see cref="PersonaRules"/> and writes it through an
/// <see cref="IContactPersonaWriter"/>. Its answers follow what Dataverse does with them: 503 only when a retry can
/// help (Dataverse retries once on 502/503/504), 200 for everything a retry cannot change, and always well within
/// Dataverse's 60 s (see <see cref="ContactEventHandlerOptions.WriteTimeout"/>). Every delivery is logged once,
/// with its outcome, reason, contact id and correlation id (never the key or a token), and counted in the
/// <see cref="WebhookMetrics.MeterName"/> meter.
/// </summary>
public sealed class ContactEventHandler
{
    /// <summary>The contact column holding the persona lookup.</summary>
    public const string PersonaAttribute = Connectors.Dataverse.Schema.JourneyKitSchema.LookupName;

    /// <summary>The header Dataverse sets when it dropped the images because the message exceeded 256 KB.</summary>
    public const string SizeExceededHeader = "x-ms-dynamics-msg-size-exceeded";

    private const string JobTitleAttribute = "jobtitle";
    private const string CompanyAttribute = "parentcustomerid";

    // Columns Dataverse sets on every update: they say nothing about what the user changed.
    private static readonly HashSet<string> SystemAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "contactid", "modifiedon", "modifiedby", "modifiedonbehalfby", "versionnumber", "timezoneruleversionnumber",
        "utcconversiontimezonecode", "overriddencreatedon", "importsequencenumber",
    };

    private readonly PersonaRules _rules;
    private readonly IContactPersonaWriter _writer;
    private readonly IAccountSizeReader? _accounts;
    private readonly IContactSegmentReader? _segments;
    private readonly ContactEventHandlerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebhookMetrics.Instruments _metrics;

    /// <summary>Creates a handler.</summary>
    /// <param name="rules">The persona rules (from the map and the admin's rules file).</param>
    /// <param name="writer">Writes the persona onto the contact.</param>
    /// <param name="options">The key, timeout and loop-guard settings.</param>
    /// <param name="timeProvider">The clock for timeouts and durations; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where to log; nothing when null. The key is never logged.</param>
    /// <param name="accountSizeReader">Reads company sizes for size rules; without it only job titles are used.</param>
    /// <param name="segmentReader">Reads segment membership for personas bound to segments; without it membership is not used.</param>
    /// <param name="meterFactory">Creates the <see cref="WebhookMetrics.MeterName"/> meter (e.g. the host's); a meter of its own when null.</param>
    public ContactEventHandler(PersonaRules rules, IContactPersonaWriter writer, ContactEventHandlerOptions options,
        TimeProvider? timeProvider = null, ILogger<ContactEventHandler>? logger = null, IAccountSizeReader? accountSizeReader = null,
        IContactSegmentReader? segmentReader = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.WebhookKey, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.WriteTimeout, TimeSpan.Zero, nameof(options));
        if (options.AuthKind == WebhookAuthKind.HttpHeader) ArgumentException.ThrowIfNullOrEmpty(options.HeaderName, nameof(options));
        if (options.AuthKind == WebhookAuthKind.HttpQueryString) ArgumentException.ThrowIfNullOrEmpty(options.QueryParameterName, nameof(options));
        if (!Enum.IsDefined(options.AuthKind)) throw new ArgumentOutOfRangeException(nameof(options), options.AuthKind, "Unknown WebhookAuthKind.");
        _rules = rules;
        _writer = writer;
        _options = options;
        _accounts = accountSizeReader;
        _segments = segmentReader;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = new WebhookMetrics.Instruments(meterFactory);
    }

    /// <summary>Handles one webhook call.</summary>
    /// <param name="request">The call's headers, query and body.</param>
    /// <param name="cancellationToken">Cancels when the caller went away.</param>
    /// <returns>The HTTP answer to give Dataverse.</returns>
    public async Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        long started = _time.GetTimestamp();
        var delivery = new Delivery { CorrelationId = CorrelationHeader(request.Headers) };
        var response = await HandleRequestAsync(request, delivery, cancellationToken).ConfigureAwait(false);
        Record(response, delivery, _time.GetElapsedTime(started));
        return response;
    }

    private async Task<WebhookResponse> HandleRequestAsync(WebhookRequest request, Delivery delivery, CancellationToken cancellationToken)
    {
        bool authorized = _options.AuthKind switch
        {
            WebhookAuthKind.HttpHeader => WebhookKeyComparer.Matches(Find(request.Headers, _options.HeaderName), _options.WebhookKey),
            WebhookAuthKind.HttpQueryString => WebhookKeyComparer.MatchesFromQuery(Find(request.Query, _options.QueryParameterName), _options.WebhookKey),
            _ => WebhookKeyComparer.MatchesFromQuery(Find(request.Query, "code"), _options.WebhookKey),
        };
        if (!authorized) return new WebhookResponse(401, WebhookOutcome.Unauthorized, "unauthorized: missing or wrong webhook key");

        RemoteExecutionContext context;
        try
        {
            context = RemoteExecutionContextParser.Parse(request.Body);
        }
        catch (WebhookPayloadException ex)
        {
            return new WebhookResponse(400, WebhookOutcome.BadRequest, "malformed RemoteExecutionContext: " + ex.Message);
        }

        delivery.ContactId = context.PrimaryEntityId;
        if (context.CorrelationId != Guid.Empty) delivery.CorrelationId = context.CorrelationId.ToString("D");
        delivery.Message = context.MessageName;
        try
        {
            return await HandleContextAsync(context, Find(request.Headers, SizeExceededHeader), delivery, cancellationToken).ConfigureAwait(false);
        }
        catch (WebhookPayloadException ex)
        {
            return new WebhookResponse(400, WebhookOutcome.BadRequest, "unusable RemoteExecutionContext: " + ex.Message);
        }
    }

    /// <summary>Answers, logs and counts a delivery the host refused before the handler could read it (a body over the limit: 413).</summary>
    internal WebhookResponse TooLarge(int maxBodyBytes, IReadOnlyDictionary<string, string> headers)
    {
        var response = new WebhookResponse(413, WebhookOutcome.BadRequest, $"body larger than {maxBodyBytes} bytes");
        Record(response, new Delivery { CorrelationId = CorrelationHeader(headers) }, TimeSpan.Zero);
        return response;
    }

    // Read before the key is checked, so only a well-formed id reaches the log.
    private static string? CorrelationHeader(IReadOnlyDictionary<string, string> headers) =>
        Guid.TryParse(Find(headers, "x-ms-correlation-request-id"), out var id) ? id.ToString("D") : null;

    /// <summary>What is known of a delivery, for its log line.</summary>
    private sealed class Delivery
    {
        public Guid? ContactId { get; set; }

        public string? CorrelationId { get; set; }

        public string? Message { get; set; }

        public Exception? Unexpected { get; set; }
    }

    private void Record(WebhookResponse response, Delivery delivery, TimeSpan elapsed)
    {
        string outcome = response.Outcome.ToString().ToLowerInvariant();
        var tags = new TagList { { "outcome", outcome }, { "http.response.status_code", response.StatusCode } };
        _metrics.Deliveries.Add(1, tags);
        _metrics.Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

        var level = response.Outcome switch
        {
            WebhookOutcome.Applied or WebhookOutcome.Ignored or WebhookOutcome.Skipped => LogLevel.Information,
            WebhookOutcome.NotApplied or WebhookOutcome.Failed => LogLevel.Error,
            _ => LogLevel.Warning,
        };
        if (!_logger.IsEnabled(level)) return;
        _logger.Log(level, DeliveryEvent, delivery.Unexpected,
            "Webhook delivery {Outcome} ({StatusCode}) {EventMessage} contact {ContactId} correlation {CorrelationId} in {ElapsedMs} ms: {Reason}",
            outcome, response.StatusCode, delivery.Message ?? "-", delivery.ContactId?.ToString("D") ?? "-", delivery.CorrelationId ?? "-",
            (long)elapsed.TotalMilliseconds, response.Message);
    }

    /// <summary>The event id of the one log line written per delivery.</summary>
    public static readonly EventId DeliveryEvent = new(1, "WebhookDelivery");

    private async Task<WebhookResponse> HandleContextAsync(RemoteExecutionContext context, string? sizeExceeded, Delivery delivery, CancellationToken cancellationToken)
    {
        bool isCreate = context.MessageName.Equals("Create", StringComparison.OrdinalIgnoreCase);
        bool isUpdate = context.MessageName.Equals("Update", StringComparison.OrdinalIgnoreCase);
        if (!context.PrimaryEntityName.Equals("contact", StringComparison.OrdinalIgnoreCase) || !(isCreate || isUpdate))
            return Ignored($"{context.MessageName} on {context.PrimaryEntityName} is not handled");
        if (context.Depth > _options.MaxDepth)
            return Ignored($"depth {context.Depth} (caused by another step or plug-in)");
        if (_options.IgnoredUserIds.Contains(context.InitiatingUserId) || _options.IgnoredUserIds.Contains(context.UserId))
            return Ignored("change made by an ignored user (JourneyKit's own application user)");

        // Over 256 KB Dataverse removes InputParameters (so the Target), the images and ParentContext, and sets the
        // size header: then there is nothing to decide from, and guessing would overwrite a persona with a wrong one.
        bool oversized = !string.IsNullOrEmpty(sizeExceeded) && !sizeExceeded.Equals("false", StringComparison.OrdinalIgnoreCase);
        var target = context.Target;
        if (target is null && oversized)
        {
            return new WebhookResponse(200, WebhookOutcome.Skipped,
                "skipped: attributes missing: the whole row (Dataverse removed InputParameters and images: the message exceeded 256 KB)");
        }
        if (target is null) throw new WebhookPayloadException("$.InputParameters", $"the {context.MessageName} message has no Target row.");

        var changed = target.Attributes.Keys.Where(k => !SystemAttributes.Contains(k)).ToList();
        if (isUpdate && changed.Count > 0 && changed.All(k => k.Equals(PersonaAttribute, StringComparison.OrdinalIgnoreCase)))
            return Ignored($"own update (only {PersonaAttribute} changed)");
        if (target.GetEntityReference(PersonaAttribute) is not null)
            return Ignored($"{PersonaAttribute} was set in this change; the explicit choice is kept");

        bool useTitle = _rules.UsesJobTitle;
        bool useSize = _rules.UsesCompanySize && _accounts is not null;
        // Membership changes raise no contact event, so with bound lists every change of a column the step filters on
        // (job title, company) is also the moment to read the contact's lists again, even when no rule uses it.
        bool useSegments = _rules.UsesSegments && _segments is not null;
        bool inputChanged = (target.Contains(JobTitleAttribute) && (useTitle || useSegments))
            || (target.Contains(CompanyAttribute) && (useSize || useSegments));
        if (isUpdate && !inputChanged)
            return Ignored("no persona input (job title, company) changed");

        // Where to read the contact's current values from. On Create the Target is the whole row (an absent column
        // is empty). On Update the Target holds only the changed columns; the rest comes from the step's images,
        // unless Dataverse dropped them because the message was too large.
        var sources = new List<WebhookEntity> { target };
        if (!oversized)
        {
            sources.AddRange(context.PostEntityImages.Values);
            sources.AddRange(context.PreEntityImages.Values);
        }
        WebhookEntity? SourceOf(string attribute) => sources.FirstOrDefault(s => s.Contains(attribute));

        var missing = new List<string>(2);
        if (useTitle && !isCreate && SourceOf(JobTitleAttribute) is null) missing.Add(JobTitleAttribute);
        if (useSize && !isCreate && SourceOf(CompanyAttribute) is null) missing.Add(CompanyAttribute);
        if (missing.Count > 0)
        {
            string why = oversized ? " (Dataverse dropped the images: the message exceeded its size limit)" : " (register a post-image with these columns on the step)";
            return new WebhookResponse(200, WebhookOutcome.Skipped, $"skipped: attributes missing: {string.Join(", ", missing)}{why}");
        }

        string? jobTitle = SourceOf(JobTitleAttribute)?.GetString(JobTitleAttribute);
        var company = useSize ? SourceOf(CompanyAttribute)?.GetEntityReference(CompanyAttribute) : null;
        return await DecideAndWriteWithTimeoutAsync(context.PrimaryEntityId, jobTitle, company, delivery, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebhookResponse> DecideAndWriteWithTimeoutAsync(Guid contactId, string? jobTitle, WebhookEntityReference? company, Delivery delivery,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.WriteTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var work = DecideAndWriteAsync(contactId, jobTitle, company, linked.Token);
        try
        {
            // WaitAsync returns at the deadline even if a writer ignores its cancellation token.
            return await work.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return new WebhookResponse(503, WebhookOutcome.RetryLater, $"retry later: Dataverse did not answer within {_options.WriteTimeout.TotalSeconds:0.#} s");
        }
        catch (CrmException ex) when (DataverseErrors.IsUnauthenticated(ex))
        {
            // The client already asked for a fresh token once. A token problem is not the event's fault: let Dataverse
            // retry, and let the admin see it in the log; a 200 would lose the event.
            return new WebhookResponse(503, WebhookOutcome.RetryLater,
                "retry later: Dataverse refused JourneyKit's sign-in (HTTP 401 after a token refresh); check the app registration's secret or certificate and its application user");
        }
        catch (CrmException ex) when (ex.IsTransient)
        {
            return new WebhookResponse(503, WebhookOutcome.RetryLater, $"retry later: transient Dataverse failure{Status(ex)}{Code(ex)}");
        }
        catch (HttpRequestException)
        {
            return new WebhookResponse(503, WebhookOutcome.RetryLater, "retry later: Dataverse could not be reached");
        }
        catch (CrmException ex) when (DataverseErrors.IsPrivilegeError(ex))
        {
            return new WebhookResponse(200, WebhookOutcome.NotApplied, $"not applied: the application user lacks a privilege{Status(ex)}{Code(ex)}: {ex.Message}");
        }
        catch (CrmException ex)
        {
            return new WebhookResponse(200, WebhookOutcome.NotApplied, $"not applied{Status(ex)}{Code(ex)}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            delivery.Unexpected = ex;
            return new WebhookResponse(500, WebhookOutcome.Failed, "failed: unexpected error in JourneyKit (see its log)");
        }
    }

    private async Task<WebhookResponse> DecideAndWriteAsync(Guid contactId, string? jobTitle, WebhookEntityReference? company, CancellationToken cancellationToken)
    {
        int? employees = null;
        if (_accounts is not null && company is { LogicalName: "account" })
            employees = await _accounts.GetNumberOfEmployeesAsync(company.Id, cancellationToken).ConfigureAwait(false);

        IReadOnlyCollection<string> segments = [];
        if (_segments is not null && _rules.UsesSegments)
            segments = await _segments.GetSegmentIdsAsync(contactId, cancellationToken).ConfigureAwait(false);

        var decision = _rules.Decide(new ContactFacts { JobTitle = jobTitle, CompanyEmployees = employees, SegmentIds = segments });
        if (decision is null)
            return new WebhookResponse(200, WebhookOutcome.Skipped, "skipped: no persona rule matches this contact");

        await _writer.SetContactPersonaAsync(contactId, decision.PersonaId.Value, cancellationToken).ConfigureAwait(false);
        return new WebhookResponse(200, WebhookOutcome.Applied, $"persona '{decision.PersonaId}' set: {decision.Reason}", decision.PersonaId.Value);
    }

    private static WebhookResponse Ignored(string why) => new(200, WebhookOutcome.Ignored, "ignored: " + why);

    private static string Status(CrmException ex) => ex.StatusCode is int s ? $" (HTTP {s})" : string.Empty;

    private static string Code(CrmException ex) => ex.ErrorCode is { Length: > 0 } code ? $" [{code}]" : string.Empty;

    private static string? Find(IReadOnlyDictionary<string, string> values, string name)
    {
        if (values.TryGetValue(name, out string? value)) return value;
        foreach (var pair in values)
        {
            if (pair.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }
        return null;
    }
}
