using System.Globalization;
using System.Text;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

/// <summary>
/// A HubSpot CRM v3/v4 emulator: a real Kestrel server on 127.0.0.1 on a free port, serving lists (segments),
/// contacts, deals, notes, associations and properties with HubSpot's wire shapes, seeded from a
/// <see cref="SampleCrm"/>. It enforces Bearer auth, page and batch bounds and rate limits (429 with
/// <c>policyName</c> and no <c>Retry-After</c>), injects faults on demand, and counts and logs requests so
/// tests can assert what went out.
/// </summary>
/// <remarks>
/// Companies are not served as objects: as HubSpot does when a contact's company is synced, each contact carries
/// its company's <c>numemployees</c>, <c>annualrevenue</c>, <c>industry</c> and <c>associatedcompanyid</c>.
/// Association endpoints accept the plural object type names (<c>contacts</c>, <c>deals</c>, <c>notes</c>).
/// Authenticated requests (and the OAuth token endpoint) are offered to <see cref="CrmEmulator.Faults"/> before the rate limits.
/// </remarks>
public sealed partial class HubSpotEmulator : CrmEmulator
{
    private readonly HubSpotEmulatorOptions _options;
    private readonly HubSpotEmulatorStore _store;
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Queue<DateTimeOffset> _searchWindow = new();
    private readonly Dictionary<string, DateTimeOffset> _oauthTokens = new(StringComparer.Ordinal);
    private DateOnly _day;
    private long _dayCount;
    private long _correlation;

    private HubSpotEmulator(EmulatorHost host, HubSpotEmulatorOptions options, SampleCrm crm) : base(host, crm, options.AccessTokens[0])
    {
        _options = options;
        _store = new HubSpotEmulatorStore(crm, options.AdditionalSegments);
    }

    /// <summary>Starts an emulator on 127.0.0.1 on a free port.</summary>
    /// <param name="options">Its data, tokens, limits and faults; null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<HubSpotEmulator> StartAsync(HubSpotEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HubSpotEmulatorOptions();
        if (options.AccessTokens.Count == 0) throw new ArgumentException("Give at least one access token.", nameof(options));
        var crm = options.Sample ?? SampleCrm.Generate(options.Seed, options.ContactCount);
        var host = EmulatorHost.Create();
        var emulator = new HubSpotEmulator(host, options, crm);
        host.App.Use(emulator.UnroutedAsync);
        emulator.MapRoutes();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>A record's current properties, or null when it does not exist.</summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="id">The record id.</param>
    /// <returns>A copy of its properties.</returns>
    public IReadOnlyDictionary<string, string?>? GetProperties(string objectType, string id)
    {
        lock (_store.Gate)
        {
            return _store.Objects.TryGetValue(objectType, out var objects) && long.TryParse(id, CultureInfo.InvariantCulture, out var key) && objects.TryGetValue(key, out var o)
                ? new Dictionary<string, string?>(o.Properties, StringComparer.Ordinal)
                : null;
        }
    }

    /// <summary>A contact's current properties, or null when it does not exist.</summary>
    /// <param name="id">The contact id.</param>
    /// <returns>A copy of its properties.</returns>
    public IReadOnlyDictionary<string, string?>? GetContactProperties(string id) => GetProperties("contacts", id);

    /// <summary>Sets a stored property value directly (no request counted), to arrange a test.</summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="id">The record id.</param>
    /// <param name="name">The property.</param>
    /// <param name="value">The value; null clears it.</param>
    public void SetProperty(string objectType, string id, string name, string? value)
    {
        lock (_store.Gate) _store.Objects[objectType][long.Parse(id, CultureInfo.InvariantCulture)].Properties[name] = value;
    }

    /// <summary>The names of the property groups of an object type.</summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> GetPropertyGroupNames(string objectType)
    {
        lock (_store.Gate) return _store.Groups[objectType].Keys.ToArray();
    }

    /// <summary>A property definition as HubSpot would return it (JSON), or null.</summary>
    /// <param name="objectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="name">The property.</param>
    /// <returns>The definition's JSON.</returns>
    public string? GetPropertyDefinition(string objectType, string name)
    {
        lock (_store.Gate) return _store.Properties[objectType].TryGetValue(name, out var p) ? p.ToString(Formatting.None) : null;
    }

    /// <summary>Answers what no route serves (an unknown path, a method a path does not take) with HubSpot's JSON error body, never an empty one.</summary>
    private async Task UnroutedAsync(HttpContext http, RequestDelegate next)
    {
        await next(http).ConfigureAwait(false);
        var response = http.Response;
        if (response.HasStarted || response.StatusCode is not (404 or 405) || response.ContentType is not null) return;
        var what = $"{http.Request.Method} {http.Request.Path}";
        var reply = response.StatusCode == 404
            ? Error(404, "OBJECT_NOT_FOUND", $"No API is served at {what}.")
            : Error(405, "VALIDATION_ERROR", $"The method {http.Request.Method} is not allowed on {http.Request.Path}.");
        await WriteAsync(http, reply, null, isSearch: false, pending: null).ConfigureAwait(false);
    }

    /// <summary>The whole API the emulator serves, in one table: each route names its handler in the partial file of its area.</summary>
    private void MapRoutes()
    {
        // The OAuth token endpoint (sign-in by refresh token). (HubSpotEmulator.OAuth.cs)
        Map("POST", "/oauth/v1/token", OAuthTokenAsync, auth: false);

        // Lists v3: a list by id or name, and its memberships. (HubSpotEmulator.Lists.cs)
        Map("GET", "/crm/v3/lists/{listId}", GetList);
        Map("GET", "/crm/v3/lists/{listId}/memberships", GetMemberships);
        Map("GET", "/crm/v3/lists/object-type-id/{objectTypeId}/name/{listName}", GetListByName);

        // CRM objects v3: read, page, create and update one record. (HubSpotEmulator.Objects.cs)
        Map("GET", "/crm/v3/objects/{objectType}/{id}", GetObject);
        Map("GET", "/crm/v3/objects/{objectType}", ListObjects);
        Map("POST", "/crm/v3/objects/{objectType}", CreateObject);
        Map("PATCH", "/crm/v3/objects/{objectType}/{id}", UpdateObject);

        // CRM objects v3 batch read and update. (HubSpotEmulator.Batches.cs)
        Map("POST", "/crm/v3/objects/{objectType}/batch/read", BatchRead);
        Map("POST", "/crm/v3/objects/{objectType}/batch/update", BatchUpdate);

        // CRM search. (HubSpotEmulator.Search.cs)
        Map("POST", "/crm/v3/objects/{objectType}/search", Search);

        // Associations v4. (HubSpotEmulator.Associations.cs)
        Map("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read", AssociationsBatchRead);
        Map("GET", "/crm/v4/objects/{fromObjectType}/{objectId}/associations/{toObjectType}", ObjectAssociations);

        // Deal pipelines and stages. (HubSpotEmulator.Pipelines.cs)
        Map("GET", "/crm/v3/pipelines/{objectType}", ListPipelines);
        Map("GET", "/crm/v3/pipelines/{objectType}/{pipelineId}", GetPipeline);
        Map("GET", "/crm/v3/pipelines/{objectType}/{pipelineId}/stages", ListPipelineStages);

        // Properties and property groups. (HubSpotEmulator.Properties.cs)
        Map("GET", "/crm/v3/properties/{objectType}", ListProperties);
        Map("GET", "/crm/v3/properties/{objectType}/{propertyName}", GetProperty);
        Map("POST", "/crm/v3/properties/{objectType}", CreateProperty);
        Map("DELETE", "/crm/v3/properties/{objectType}/{propertyName}", ArchivePropertyRoute);
        Map("GET", "/crm/v3/properties/{objectType}/groups", ListGroups);
        Map("GET", "/crm/v3/properties/{objectType}/groups/{groupName}", GetGroup);
        Map("POST", "/crm/v3/properties/{objectType}/groups", CreateGroup);

        // Association labels (journeys). (HubSpotEmulator.Journeys.cs)
        Map("GET", "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels", AssociationLabels);
        Map("GET", "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels", AssociationLabels);

        // List memberships in join order (incremental sync). (HubSpotEmulator.Incremental.cs)
        Map("GET", "/crm/v3/lists/{listId}/memberships/join-order", GetJoinOrder);
    }

    private void Map(string method, string pattern, Func<Call, Reply> handler, bool auth = true) =>
        Map(method, pattern, c => Task.FromResult(handler(c)), auth);

    private void Map(string method, string pattern, Func<Call, Task<Reply>> handler, bool auth = true) =>
        Host.App.MapMethods(pattern, [method], (HttpContext http) => HandleAsync(http, method, pattern, handler, auth));

    private async Task HandleAsync(HttpContext http, string method, string pattern, Func<Call, Task<Reply>> handler, bool auth)
    {
        var endpoint = method + " " + ConcretePattern(pattern, http.Request.RouteValues);
        bool isSearch = pattern.EndsWith("/search", StringComparison.Ordinal);
        var (number, endpointNumber) = Log.Arrived(endpoint);
        var at = _options.TimeProvider.GetUtcNow();
        var ct = http.RequestAborted;
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
        var pending = PendingRequest.Of(http, at, endpoint, body);

        if (auth && Authenticate(http) is { } denied)
        {
            await WriteAsync(http, denied, null, isSearch, pending).ConfigureAwait(false);
            return;
        }

        var fault = Faults.Next(new FaultRequest(method, Uri.UnescapeDataString(pending.Target), endpoint, number, endpointNumber));
        if (fault?.Kind == EmulatorFaultKind.TooManyRequests)
        {
            await WriteAsync(http, RateLimited(fault.PolicyName ?? "TEN_SECONDLY_ROLLING", fault.RetryAfter), null, isSearch, pending).ConfigureAwait(false);
            return;
        }
        if (fault?.Kind == EmulatorFaultKind.ExpiredToken)
        {
            await WriteAsync(http, Error(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired."), null, isSearch, pending).ConfigureAwait(false);
            return;
        }
        if (auth && _options.EnforceRateLimits && Throttle(isSearch) is { } throttled)
        {
            await WriteAsync(http, throttled, null, isSearch, pending).ConfigureAwait(false);
            return;
        }
        if (fault?.Kind == EmulatorFaultKind.SlowResponse)
        {
            await Task.Delay(fault.Delay, _options.TimeProvider, ct).ConfigureAwait(false);
        }
        if (fault?.Kind == EmulatorFaultKind.ServerError)
        {
            await WriteAsync(http, Error(fault.StatusCode, "INTERNAL_ERROR", "An internal error occurred."), null, isSearch, pending).ConfigureAwait(false);
            return;
        }

        Reply reply;
        try
        {
            reply = await handler(new Call(http, endpoint, body)).ConfigureAwait(false);
        }
        catch (EmuException e)
        {
            reply = e.Reply;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or OverflowException or JsonException)
        {
            // A value of the wrong type in a well-formed body (e.g. a text where HubSpot wants a number) is the caller's error.
            reply = Invalid($"Invalid input: {e.Message}", "INVALID_INPUT").Reply;
        }
        await WriteAsync(http, reply, fault, isSearch, pending).ConfigureAwait(false);
    }

    private static string ConcretePattern(string pattern, RouteValueDictionary values)
    {
        foreach (var name in new[] { "objectType", "fromObjectType", "toObjectType" })
        {
            if (values.TryGetValue(name, out var v) && v is string s && HubSpotEmulatorStore.ObjectTypes.Contains(s))
                pattern = pattern.Replace("{" + name + "}", s, StringComparison.Ordinal);
        }
        return pattern;
    }

    private Reply? Authenticate(HttpContext http)
    {
        string header = http.Request.Headers.Authorization.ToString();
        string? token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (token is null || token.Length == 0)
            return Error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
        if (_options.ExpiredTokens.Contains(token))
            return Error(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired.");
        if (token == AccessToken || _options.AccessTokens.Skip(1).Contains(token)) return null;
        lock (_gate)
        {
            if (_oauthTokens.TryGetValue(token, out var expires))
            {
                return _options.TimeProvider.GetUtcNow() < expires ? null
                    : Error(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired.");
            }
        }
        return Error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
    }

    private Reply? Throttle(bool isSearch)
    {
        var now = _options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            if (isSearch)
            {
                while (_searchWindow.Count > 0 && _searchWindow.Peek() <= now - TimeSpan.FromSeconds(1)) _searchWindow.Dequeue();
                if (_searchWindow.Count >= _options.SearchRequestsPerSecond) return RateLimited("SECONDLY");
                _searchWindow.Enqueue(now);
                return null;
            }
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != _day)
            {
                _day = today;
                _dayCount = 0;
            }
            if (_options.DailyLimit is int daily && _dayCount >= daily) return RateLimited("DAILY");
            while (_window.Count > 0 && _window.Peek() <= now - _options.RateLimitWindow) _window.Dequeue();
            if (_window.Count >= _options.RequestsPerWindow) return RateLimited("TEN_SECONDLY_ROLLING");
            _window.Enqueue(now);
            _dayCount++;
            return null;
        }
    }

    private Reply RateLimited(string policy, TimeSpan? retryAfter = null)
    {
        string message = policy switch
        {
            "DAILY" => "You have reached your daily limit.",
            "SECONDLY" => "You have reached your secondly limit.",
            _ => "You have reached your ten_secondly_rolling limit.",
        };
        var body = new JObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["errorType"] = "RATE_LIMIT",
            ["correlationId"] = NextCorrelationId(),
            ["policyName"] = policy,
            ["requestId"] = NextCorrelationId(),
        };
        return new Reply(429, body) { RetryAfter = retryAfter };
    }

    private async Task WriteAsync(HttpContext http, Reply reply, EmulatorFault? fault, bool isSearch, PendingRequest? pending)
    {
        var response = http.Response;
        response.StatusCode = reply.Status;
        if (reply.RetryAfter is { } retryAfter) response.Headers.RetryAfter = EmulatorResponse.Seconds(retryAfter);
        if (!isSearch && _options.EnforceRateLimits)
        {
            lock (_gate)
            {
                var h = response.Headers;
                h["X-HubSpot-RateLimit-Max"] = _options.RequestsPerWindow.ToString(CultureInfo.InvariantCulture);
                h["X-HubSpot-RateLimit-Remaining"] = Math.Max(0, _options.RequestsPerWindow - _window.Count).ToString(CultureInfo.InvariantCulture);
                h["X-HubSpot-RateLimit-Interval-Milliseconds"] = ((long)_options.RateLimitWindow.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                if (_options.DailyLimit is int daily)
                {
                    h["X-HubSpot-RateLimit-Daily"] = daily.ToString(CultureInfo.InvariantCulture);
                    h["X-HubSpot-RateLimit-Daily-Remaining"] = Math.Max(0, daily - _dayCount).ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        bool drop = fault?.Kind == EmulatorFaultKind.DropConnection;
        // Logged before the body goes out, so a test that has its answer always sees the request.
        if (pending is not null) Log.Answered(pending.Answered(drop ? 0 : reply.Status));
        if (reply.Body is null) return;
        var token = EmulatorResponse.ApplyPropertyFault(reply.Body, fault, t => t.SelectTokens("$..properties").OfType<JObject>());
        var bytes = Encoding.UTF8.GetBytes(token.ToString(Formatting.None));
        response.ContentType = "application/json;charset=utf-8";
        if (fault?.Kind == EmulatorFaultKind.MalformedBody)
        {
            bytes = bytes[..Math.Max(1, bytes.Length / 2)];
        }
        await EmulatorResponse.WriteBodyAsync(http, bytes, drop, CancellationToken.None).ConfigureAwait(false);
    }

    private string NextCorrelationId()
    {
        long n = Interlocked.Increment(ref _correlation);
        return new Guid((int)n, 0x4a4b, 0x4853, 0x80, 0, 0, 0, 0, 0, 0, (byte)(n >> 32)).ToString();
    }

    private Reply Error(int status, string category, string message, JArray? errors = null, string? subCategory = null)
    {
        var body = new JObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = NextCorrelationId(),
            ["category"] = category,
        };
        if (subCategory is not null) body["subCategory"] = subCategory;
        if (errors is not null) body["errors"] = errors;
        return new Reply(status, body);
    }

    private EmuException Fail(int status, string category, string message, JArray? errors = null) => new(Error(status, category, message, errors));

    private EmuException Invalid(string message, string? code = null, string? @in = null)
    {
        var errors = new JArray(new JObject { ["message"] = message, ["code"] = code ?? "INVALID_INPUT" });
        if (@in is not null) ((JObject)errors[0])["in"] = @in;
        return Fail(400, "VALIDATION_ERROR", message, errors);
    }

    private sealed record Reply(int Status, JToken? Body)
    {
        /// <summary>The <c>Retry-After</c> to send, when an injected 429 asks for one (HubSpot's own 429s carry none).</summary>
        public TimeSpan? RetryAfter { get; init; }
    }

    private sealed class EmuException(Reply reply) : Exception(reply.Body?.ToString(Formatting.None))
    {
        public Reply Reply { get; } = reply;
    }

    private sealed class Call(HttpContext http, string endpoint, string body)
    {
        public HttpContext Http { get; } = http;

        public string Endpoint { get; } = endpoint;

        public string Body { get; } = body;

        public string Route(string name) => Http.Request.RouteValues.TryGetValue(name, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

        public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

        public IEnumerable<string> QueryAll(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.OfType<string>() : [];

        public int QueryInt(string name, int fallback)
        {
            var v = Query(name);
            if (string.IsNullOrEmpty(v)) return fallback;
            return int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : -1;
        }

        public JObject Json()
        {
            try
            {
                return JObject.Parse(Body.Length == 0 ? "{}" : Body);
            }
            catch (JsonReaderException e)
            {
                var errors = new JArray(new JObject { ["message"] = e.Message, ["code"] = "INVALID_JSON" });
                throw new EmuException(new Reply(400, new JObject
                {
                    ["status"] = "error",
                    ["message"] = "Invalid input JSON: " + e.Message,
                    ["category"] = "VALIDATION_ERROR",
                    ["errors"] = errors,
                }));
            }
        }
    }
}
