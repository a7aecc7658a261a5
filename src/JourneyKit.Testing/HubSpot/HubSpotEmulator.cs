using System.Globalization;
using System.Text;
using JourneyKit.Testing.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
/// </remarks>
public sealed partial class HubSpotEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HubSpotEmulatorOptions _options;
    private readonly HubSpotEmulatorStore _store;
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Queue<DateTimeOffset> _searchWindow = new();
    private readonly Dictionary<string, DateTimeOffset> _oauthTokens = new(StringComparer.Ordinal);
    private readonly List<HubSpotWriteRecord> _writes = [];
    private DateOnly _day;
    private long _dayCount;
    private long _total;
    private long _throttled;
    private long _correlation;

    private HubSpotEmulator(WebApplication app, HubSpotEmulatorOptions options, SampleCrm crm)
    {
        _app = app;
        _options = options;
        Sample = crm;
        _store = new HubSpotEmulatorStore(crm, options.AdditionalSegments);
        FaultInjector = options.FaultInjector;
    }

    /// <summary>Starts an emulator on 127.0.0.1 on a free port.</summary>
    /// <param name="options">Its data, tokens, limits and faults; null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<HubSpotEmulator> StartAsync(HubSpotEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HubSpotEmulatorOptions();
        if (options.AccessTokens.Count == 0) throw new ArgumentException("Give at least one access token.", nameof(options));
        var crm = options.SampleCrm ?? SampleCrm.Generate(options.Seed, options.ContactCount);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var emulator = new HubSpotEmulator(app, options, crm);
        emulator.MapRoutes();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>The emulator's base address, e.g. <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The first accepted private-app token.</summary>
    public string AccessToken => _options.AccessTokens[0];

    /// <summary>The data the emulator was seeded from (its state may have changed since, by writes).</summary>
    public SampleCrm Sample { get; }

    /// <summary>The fault injector in effect; can be changed while the emulator runs.</summary>
    public Func<HubSpotRequestInfo, HubSpotFault?>? FaultInjector { get; set; }

    /// <summary>Requests received per endpoint (e.g. <c>POST /crm/v3/objects/contacts/batch/read</c>), rejected ones included.</summary>
    public IReadOnlyDictionary<string, long> RequestCounts
    {
        get { lock (_gate) return new Dictionary<string, long>(_counts, StringComparer.Ordinal); }
    }

    /// <summary>All requests received, rejected ones included.</summary>
    public long TotalRequests
    {
        get { lock (_gate) return _total; }
    }

    /// <summary>The number of 429 answers sent, by the rate limits or by injected faults.</summary>
    public long ThrottledRequests
    {
        get { lock (_gate) return _throttled; }
    }

    /// <summary>The write requests that were accepted, in order.</summary>
    public IReadOnlyList<HubSpotWriteRecord> Writes
    {
        get { lock (_gate) return _writes.ToArray(); }
    }

    /// <summary>The requests received at one endpoint.</summary>
    /// <param name="endpoint">The endpoint, e.g. <c>GET /crm/v3/lists/{listId}/memberships</c>.</param>
    /// <returns>The count.</returns>
    public long RequestCount(string endpoint)
    {
        lock (_gate) return _counts.GetValueOrDefault(endpoint);
    }

    /// <summary>Sets all counters and the write log back to zero (the rate-limit windows are kept).</summary>
    public void ResetCounters()
    {
        lock (_gate)
        {
            _counts.Clear();
            _total = 0;
            _throttled = 0;
            _writes.Clear();
        }
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

    /// <summary>Stops the server.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapRoutes()
    {
        Map("POST", "/oauth/v1/token", OAuthTokenAsync, auth: false);
        Map("GET", "/crm/v3/lists/{listId}", GetList);
        Map("GET", "/crm/v3/lists/{listId}/memberships", GetMemberships);
        Map("GET", "/crm/v3/lists/object-type-id/{objectTypeId}/name/{listName}", GetListByName);
        Map("GET", "/crm/v3/objects/{objectType}/{id}", GetObject);
        Map("GET", "/crm/v3/objects/{objectType}", ListObjects);
        Map("POST", "/crm/v3/objects/{objectType}/batch/read", BatchRead);
        Map("POST", "/crm/v3/objects/{objectType}/batch/update", BatchUpdate);
        Map("POST", "/crm/v3/objects/{objectType}/search", Search);
        Map("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read", AssociationsBatchRead);
        Map("GET", "/crm/v3/properties/{objectType}", ListProperties);
        Map("GET", "/crm/v3/properties/{objectType}/{propertyName}", GetProperty);
        Map("POST", "/crm/v3/properties/{objectType}", CreateProperty);
        Map("GET", "/crm/v3/properties/{objectType}/groups", ListGroups);
        Map("POST", "/crm/v3/properties/{objectType}/groups", CreateGroup);
    }

    private void Map(string method, string pattern, Func<Call, Reply> handler, bool auth = true) =>
        Map(method, pattern, c => Task.FromResult(handler(c)), auth);

    private void Map(string method, string pattern, Func<Call, Task<Reply>> handler, bool auth = true) =>
        _app.MapMethods(pattern, [method], (HttpContext http) => HandleAsync(http, method, pattern, handler, auth));

    private async Task HandleAsync(HttpContext http, string method, string pattern, Func<Call, Task<Reply>> handler, bool auth)
    {
        var endpoint = method + " " + ConcretePattern(pattern, http.Request.RouteValues);
        bool isSearch = pattern.EndsWith("/search", StringComparison.Ordinal);
        long number, endpointNumber;
        lock (_gate)
        {
            number = ++_total;
            _counts[endpoint] = endpointNumber = _counts.GetValueOrDefault(endpoint) + 1;
        }
        var ct = http.RequestAborted;
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }

        if (auth && Authenticate(http) is { } denied)
        {
            await WriteAsync(http, denied, null, isSearch).ConfigureAwait(false);
            return;
        }

        var fault = FaultInjector?.Invoke(new HubSpotRequestInfo(method, http.Request.Path.Value ?? string.Empty, endpoint, number, endpointNumber));
        if (fault?.Kind == HubSpotFaultKind.RateLimit)
        {
            await WriteAsync(http, RateLimited(fault.PolicyName), null, isSearch).ConfigureAwait(false);
            return;
        }
        if (auth && _options.EnforceRateLimits && Throttle(isSearch) is { } throttled)
        {
            await WriteAsync(http, throttled, null, isSearch).ConfigureAwait(false);
            return;
        }
        if (fault?.Kind == HubSpotFaultKind.Slow)
        {
            await Task.Delay(fault.Delay, _options.TimeProvider, ct).ConfigureAwait(false);
        }
        if (fault?.Kind == HubSpotFaultKind.ServerError)
        {
            await WriteAsync(http, Error(fault.StatusCode, "INTERNAL_ERROR", "An internal error occurred."), null, isSearch).ConfigureAwait(false);
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
        await WriteAsync(http, reply, fault, isSearch).ConfigureAwait(false);
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
        if (_options.AccessTokens.Contains(token)) return null;
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

    private Reply RateLimited(string policy)
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
        return new Reply(429, body);
    }

    private async Task WriteAsync(HttpContext http, Reply reply, HubSpotFault? fault, bool isSearch)
    {
        var response = http.Response;
        response.StatusCode = reply.Status;
        if (reply.Status == 429)
        {
            lock (_gate) _throttled++;
        }
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
        if (reply.Body is null) return;
        var token = reply.Body;
        if (fault is { Kind: HubSpotFaultKind.NullProperty or HubSpotFaultKind.MissingProperty, PropertyName: { } prop })
        {
            token = token.DeepClone();
            foreach (var props in token.SelectTokens("$..properties").OfType<JObject>())
            {
                if (fault.Kind == HubSpotFaultKind.NullProperty) props[prop] = JValue.CreateNull();
                else props.Remove(prop);
            }
        }
        var bytes = Encoding.UTF8.GetBytes(token.ToString(Formatting.None));
        response.ContentType = "application/json;charset=utf-8";
        if (fault?.Kind == HubSpotFaultKind.MalformedJson)
        {
            bytes = bytes[..Math.Max(1, bytes.Length / 2)];
        }
        if (fault?.Kind == HubSpotFaultKind.DropConnection)
        {
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes.AsMemory(0, Math.Max(1, bytes.Length / 2))).ConfigureAwait(false);
            await response.Body.FlushAsync().ConfigureAwait(false);
            http.Abort();
            return;
        }
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes).ConfigureAwait(false);
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

    // ---- OAuth ----

    private Task<Reply> OAuthTokenAsync(Call call)
    {
        var form = System.Web.HttpUtility.ParseQueryString(call.Body);
        if (form["grant_type"] != "refresh_token" || form["client_id"] != _options.OAuthClientId
            || form["client_secret"] != _options.OAuthClientSecret || form["refresh_token"] != _options.OAuthRefreshToken)
        {
            return Task.FromResult(new Reply(400, new JObject
            {
                ["status"] = "BAD_REFRESH_TOKEN",
                ["message"] = "missing or invalid refresh token, client id or client secret",
                ["correlationId"] = NextCorrelationId(),
            }));
        }
        string token = "emu-oauth-" + Guid.NewGuid().ToString("N");
        lock (_gate) _oauthTokens[token] = _options.TimeProvider.GetUtcNow() + _options.OAuthTokenLifetime;
        return Task.FromResult(new Reply(200, new JObject
        {
            ["token_type"] = "bearer",
            ["refresh_token"] = _options.OAuthRefreshToken,
            ["access_token"] = token,
            ["expires_in"] = (long)_options.OAuthTokenLifetime.TotalSeconds,
        }));
    }

    // ---- Lists ----

    private Reply GetList(Call call)
    {
        var id = call.Route("listId");
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(id, out var list)) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with listId {id}.");
            return new Reply(200, new JObject { ["list"] = ListJson(list) });
        }
    }

    private Reply GetListByName(Call call)
    {
        var type = call.Route("objectTypeId");
        var name = call.Route("listName");
        lock (_store.Gate)
        {
            var list = type == "0-1" ? _store.Lists.Values.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)) : null;
            if (list is null) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with name {name} and objectTypeId {type}.");
            return new Reply(200, new JObject { ["list"] = ListJson(list) });
        }
    }

    private static JObject ListJson(EmuList list) => new()
    {
        ["listId"] = list.Id,
        ["listVersion"] = 1,
        ["createdAt"] = HubSpotEmulatorStore.Iso(list.CreatedAt),
        ["updatedAt"] = HubSpotEmulatorStore.Iso(list.CreatedAt),
        ["filtersUpdatedAt"] = HubSpotEmulatorStore.Iso(list.CreatedAt),
        ["processingStatus"] = "COMPLETE",
        ["createdById"] = "1",
        ["updatedById"] = "1",
        ["processingType"] = list.ProcessingType,
        ["objectTypeId"] = "0-1",
        ["name"] = list.Name,
        ["size"] = list.Members.Count,
        ["additionalProperties"] = new JObject
        {
            ["hs_list_size"] = list.Members.Count.ToString(CultureInfo.InvariantCulture),
            ["hs_list_reference_count"] = "0",
        },
    };

    private Reply GetMemberships(Call call)
    {
        var id = call.Route("listId");
        int limit = call.QueryInt("limit", 100);
        if (limit < 1 || limit > _options.MaxMembershipPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxMembershipPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        int start = 0;
        if (call.Query("after") is { Length: > 0 } after)
        {
            start = DecodeCursor(after) ?? throw Invalid($"The paging cursor '{after}' is not valid.", "INVALID_CURSOR", "after");
        }
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(id, out var list)) throw Fail(404, "OBJECT_NOT_FOUND", $"List does not exist with listId {id}.");
            var results = new JArray();
            var stamp = HubSpotEmulatorStore.Iso(list.CreatedAt);
            for (int i = start; i < Math.Min(list.Members.Count, start + limit); i++)
            {
                results.Add(new JObject { ["recordId"] = list.Members[i].ToString(CultureInfo.InvariantCulture), ["membershipTimestamp"] = stamp });
            }
            var body = new JObject { ["results"] = results };
            if (start + limit < list.Members.Count)
            {
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = EncodeCursor(start + limit) } };
            }
            return new Reply(200, body);
        }
    }

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes("jk:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static int? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor + new string('=', (4 - (cursor.Length % 4)) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("jk:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // ---- Objects ----

    private string ObjectType(Call call, string name = "objectType")
    {
        var t = call.Route(name);
        if (!HubSpotEmulatorStore.ObjectTypes.Contains(t)) throw Fail(400, "VALIDATION_ERROR", $"Unable to infer object type from: {t}");
        return t;
    }

    private static readonly Dictionary<string, string[]> DefaultProperties = new(StringComparer.Ordinal)
    {
        ["contacts"] = ["firstname", "lastname", "email"],
        ["deals"] = ["dealname", "amount", "closedate", "pipeline", "dealstage"],
        ["notes"] = [],
    };

    private JObject ObjectJson(string type, EmuObject o, IReadOnlyCollection<string>? requested)
    {
        var props = new JObject();
        var schema = _store.Properties[type];
        var names = (requested is { Count: > 0 } ? requested : DefaultProperties[type])
            .Concat(["createdate", HubSpotEmulatorStore.ModifiedProperty(type), "hs_object_id"]).Distinct();
        foreach (var name in names)
        {
            if (!schema.ContainsKey(name)) continue;
            props[name] = o.Properties.TryGetValue(name, out var v) && v is not null ? v : JValue.CreateNull();
        }
        return new JObject
        {
            ["id"] = o.Id,
            ["properties"] = props,
            ["createdAt"] = HubSpotEmulatorStore.Iso(o.CreatedAt),
            ["updatedAt"] = HubSpotEmulatorStore.Iso(o.UpdatedAt),
            ["archived"] = false,
        };
    }

    private static string[] PropertiesParameter(Call call) =>
        call.QueryAll("properties").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private Reply GetObject(Call call)
    {
        var type = ObjectType(call);
        var id = call.Route("id");
        lock (_store.Gate)
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !_store.Objects[type].TryGetValue(key, out var o))
                throw Fail(404, "OBJECT_NOT_FOUND", "resource not found");
            return new Reply(200, ObjectJson(type, o, PropertiesParameter(call)));
        }
    }

    private Reply ListObjects(Call call)
    {
        var type = ObjectType(call);
        int limit = call.QueryInt("limit", 10);
        if (limit < 1 || limit > _options.MaxObjectPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxObjectPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        long after = 0;
        if (call.Query("after") is { Length: > 0 } a && !long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        var requested = PropertiesParameter(call);
        lock (_store.Gate)
        {
            var page = _store.Objects[type].Where(kv => kv.Key >= after).Take(limit + 1).ToList();
            var body = new JObject { ["results"] = new JArray(page.Take(limit).Select(kv => ObjectJson(type, kv.Value, requested))) };
            if (page.Count > limit)
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = page[limit].Key.ToString(CultureInfo.InvariantCulture) } };
            return new Reply(200, body);
        }
    }

    private Reply BatchRead(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > _options.MaxBatchSize)
            throw Invalid($"Batch input size must be less than or equal to {_options.MaxBatchSize}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        var requested = (json["properties"] as JArray)?.Select(p => (string?)p).OfType<string>().ToArray() ?? [];
        var results = new JArray();
        var missing = new JArray();
        lock (_store.Gate)
        {
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && _store.Objects[type].TryGetValue(key, out var o))
                    results.Add(ObjectJson(type, o, requested));
                else missing.Add(id);
            }
        }
        var now = HubSpotEmulatorStore.Iso(_options.TimeProvider.GetUtcNow());
        var body = new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now };
        if (missing.Count == 0) return new Reply(200, body);
        body["numErrors"] = 1;
        body["errors"] = new JArray(new JObject
        {
            ["status"] = "error",
            ["category"] = "OBJECT_NOT_FOUND",
            ["message"] = "Could not get some objects, they may be deleted or not exist. Check that ids are valid.",
            ["context"] = new JObject { ["ids"] = missing },
        });
        return new Reply(207, body);
    }

    private Reply BatchUpdate(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > _options.MaxBatchSize)
            throw Invalid($"Batch input size must be less than or equal to {_options.MaxBatchSize}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        int changed = 0;
        var results = new JArray();
        var now = _options.TimeProvider.GetUtcNow();
        lock (_store.Gate)
        {
            var schema = _store.Properties[type];
            var updates = new List<(EmuObject Target, JObject Props)>();
            var errors = new JArray();
            foreach (var input in inputs)
            {
                var id = (string?)input["id"];
                if (id is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !_store.Objects[type].TryGetValue(key, out var o))
                    throw Fail(404, "OBJECT_NOT_FOUND", $"Could not update object {id}: it does not exist.");
                var props = input["properties"] as JObject ?? throw Invalid($"inputs[{id}].properties is required.", "REQUIRED_FIELD", "properties");
                foreach (var p in props.Properties())
                {
                    if (!schema.TryGetValue(p.Name, out var def))
                    {
                        errors.Add(new JObject { ["message"] = $"Property \"{p.Name}\" does not exist", ["code"] = "PROPERTY_DOESNT_EXIST", ["context"] = new JObject { ["propertyName"] = new JArray(p.Name) } });
                        continue;
                    }
                    var value = p.Value.Type == JTokenType.Null ? null : p.Value.ToString();
                    if (value is not null && (string?)def["fieldType"] == "textarea" && value.Length > 65536)
                        errors.Add(new JObject { ["message"] = $"Property \"{p.Name}\" value is longer than 65536 characters", ["code"] = "INVALID_LENGTH" });
                    if (value is { Length: > 0 } && (string?)def["type"] == "enumeration" && def["options"] is JArray { Count: > 0 } options
                        && !options.Any(x => (string?)x["value"] == value))
                        errors.Add(new JObject { ["message"] = $"{value} was not one of the allowed options for property \"{p.Name}\"", ["code"] = "INVALID_OPTION" });
                }
                updates.Add((o, props));
            }
            if (errors.Count > 0) throw Fail(400, "VALIDATION_ERROR", "Property values were not valid", errors);
            foreach (var (o, props) in updates)
            {
                int before = changed;
                foreach (var p in props.Properties())
                {
                    var value = p.Value.Type == JTokenType.Null ? null : p.Value.ToString();
                    if (value == string.Empty) value = null;
                    if (o.Properties.GetValueOrDefault(p.Name) != value)
                    {
                        o.Properties[p.Name] = value;
                        changed++;
                    }
                }
                if (changed > before)
                {
                    o.UpdatedAt = now;
                    o.Properties[HubSpotEmulatorStore.ModifiedProperty(type)] = HubSpotEmulatorStore.Iso(now);
                }
                results.Add(ObjectJson(type, o, props.Properties().Select(p => p.Name).ToArray()));
            }
        }
        LogWrite(call, changed);
        var stamp = HubSpotEmulatorStore.Iso(now);
        return new Reply(200, new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = stamp, ["completedAt"] = stamp });
    }

    private void LogWrite(Call call, int changed)
    {
        lock (_gate) _writes.Add(new HubSpotWriteRecord(call.Endpoint, call.Http.Request.Path.Value ?? string.Empty, call.Body, changed, _options.TimeProvider.GetUtcNow()));
    }

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    private Reply Search(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        int limit = json["limit"]?.Type is JTokenType.Integer ? (int)json["limit"]! : 10;
        if (limit < 1 || limit > _options.MaxSearchPageSize)
            throw Invalid($"limit must be between 1 and {_options.MaxSearchPageSize}, was {limit}.", "INVALID_LIMIT", "limit");
        int after = 0;
        if (json["after"] is { Type: not JTokenType.Null } a && !int.TryParse(a.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Invalid($"The paging cursor '{a}' is not valid.", "INVALID_CURSOR", "after");
        if (after >= _options.MaxSearchResults)
            throw Invalid($"The search cannot page past {_options.MaxSearchResults} results; narrow the query (e.g. hs_object_id > the last id seen).", "SEARCH_LIMIT_EXCEEDED", "after");
        var groups = (json["filterGroups"] as JArray ?? []).Select(g => (g["filters"] as JArray ?? []).Cast<JObject>().ToList()).ToList();
        if (groups.Count > _options.MaxSearchFilterGroups)
            throw Invalid($"Too many filter groups: {groups.Count}, at most {_options.MaxSearchFilterGroups}.", "TOO_MANY_FILTER_GROUPS", "filterGroups");
        foreach (var g in groups)
        {
            if (g.Count > _options.MaxSearchFiltersPerGroup)
                throw Invalid($"Too many filters in a group: {g.Count}, at most {_options.MaxSearchFiltersPerGroup}.", "TOO_MANY_FILTERS", "filterGroups");
            foreach (var f in g)
            {
                var op = (string?)f["operator"] ?? "EQ";
                if (!Operators.Contains(op)) throw Invalid($"Unknown operator {op}.", "INVALID_OPERATOR", "filterGroups");
                if ((string?)f["propertyName"] is not { Length: > 0 }) throw Invalid("propertyName is required in every filter.", "REQUIRED_FIELD", "filterGroups");
            }
        }
        var sorts = new List<(string Name, bool Descending)>();
        foreach (var s in json["sorts"] as JArray ?? [])
        {
            if (s.Type == JTokenType.String)
            {
                var text = (string)s!;
                sorts.Add((text.TrimStart('-'), text.StartsWith('-')));
            }
            else sorts.Add(((string?)s["propertyName"] ?? "hs_object_id", string.Equals((string?)s["direction"], "DESCENDING", StringComparison.OrdinalIgnoreCase)));
        }
        var query = (string?)json["query"];
        var requested = (json["properties"] as JArray)?.Select(p => (string?)p).OfType<string>().ToArray() ?? [];
        lock (_store.Gate)
        {
            IEnumerable<EmuObject> matches = _store.Objects[type].Values.Where(o =>
                (groups.Count == 0 || groups.Any(g => g.All(f => Matches(o, f))))
                && (string.IsNullOrEmpty(query) || o.Properties.Values.Any(v => v is not null && v.Contains(query, StringComparison.OrdinalIgnoreCase))));
            if (sorts.Count > 0)
            {
                var list = matches.ToList();
                list.Sort((x, y) =>
                {
                    foreach (var (name, desc) in sorts)
                    {
                        int c = CompareValues(x.Properties.GetValueOrDefault(name), y.Properties.GetValueOrDefault(name));
                        if (c != 0) return desc ? -c : c;
                    }
                    return 0;
                });
                matches = list;
            }
            var all = matches.ToList();
            var body = new JObject
            {
                ["total"] = all.Count,
                ["results"] = new JArray(all.Skip(after).Take(limit).Select(o => ObjectJson(type, o, requested))),
            };
            if (after + limit < all.Count)
                body["paging"] = new JObject { ["next"] = new JObject { ["after"] = (after + limit).ToString(CultureInfo.InvariantCulture) } };
            return new Reply(200, body);
        }
    }

    private static bool Matches(EmuObject o, JObject filter)
    {
        var name = (string)filter["propertyName"]!;
        var op = (string?)filter["operator"] ?? "EQ";
        var actual = o.Properties.GetValueOrDefault(name);
        if (actual == string.Empty) actual = null;
        string? value = filter["value"]?.Type is JTokenType.Null or null ? null : filter["value"]!.ToString();
        var values = (filter["values"] as JArray)?.Select(v => v.ToString()).ToList() ?? [];
        return op switch
        {
            "HAS_PROPERTY" => actual is not null,
            "NOT_HAS_PROPERTY" => actual is null,
            "EQ" => actual is not null && value is not null && CompareValues(actual, value) == 0,
            "NEQ" => actual is null || value is null || CompareValues(actual, value) != 0,
            "LT" => actual is not null && value is not null && CompareValues(actual, value) < 0,
            "LTE" => actual is not null && value is not null && CompareValues(actual, value) <= 0,
            "GT" => actual is not null && value is not null && CompareValues(actual, value) > 0,
            "GTE" => actual is not null && value is not null && CompareValues(actual, value) >= 0,
            "BETWEEN" => actual is not null && value is not null && filter["highValue"] is { } high
                && CompareValues(actual, value) >= 0 && CompareValues(actual, high.ToString()) <= 0,
            "IN" => actual is not null && values.Any(v => CompareValues(actual, v) == 0),
            "NOT_IN" => actual is null || !values.Any(v => CompareValues(actual, v) == 0),
            "CONTAINS_TOKEN" => actual is not null && value is not null && actual.Contains(value.Trim('*'), StringComparison.OrdinalIgnoreCase),
            "NOT_CONTAINS_TOKEN" => actual is null || value is null || !actual.Contains(value.Trim('*'), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>Compares as numbers when both are numbers, as instants when both are dates (epoch ms allowed), else as text ignoring case. Nulls last.</summary>
    private static int CompareValues(string? a, string? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : 1) : -1;
        bool an = decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var ad);
        bool bn = decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var bd);
        if (an && bn) return ad.CompareTo(bd);
        if (TryInstant(a, an, ad, out var at) && TryInstant(b, bn, bd, out var bt)) return at.CompareTo(bt);
        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);

        static bool TryInstant(string s, bool isNumber, decimal n, out DateTimeOffset t)
        {
            if (isNumber && n > 0 && n < 253402300799999m)
            {
                t = DateTimeOffset.FromUnixTimeMilliseconds((long)n);
                return true;
            }
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t);
        }
    }

    // ---- Associations v4 ----

    private Reply AssociationsBatchRead(Call call)
    {
        var from = ObjectType(call, "fromObjectType");
        var to = ObjectType(call, "toObjectType");
        var json = call.Json();
        var inputs = json["inputs"] as JArray ?? throw Invalid("inputs is required.", "REQUIRED_FIELD", "inputs");
        if (inputs.Count > _options.MaxAssociationBatchSize)
            throw Invalid($"Batch input size must be less than or equal to {_options.MaxAssociationBatchSize}, was {inputs.Count}.", "TOO_MANY_INPUTS", "inputs");
        var results = new JArray();
        lock (_store.Gate)
        {
            _store.Associations.TryGetValue(from + "/" + to, out var map);
            foreach (var input in inputs)
            {
                var id = (string?)input["id"] ?? throw Invalid("inputs[].id is required.", "REQUIRED_FIELD", "inputs");
                if (map is null || !map.TryGetValue(id, out var targets) || targets.Count == 0) continue;
                results.Add(new JObject
                {
                    ["from"] = new JObject { ["id"] = id },
                    ["to"] = new JArray(targets.Select(t => new JObject
                    {
                        ["toObjectId"] = t,
                        ["associationTypes"] = new JArray(new JObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = AssociationTypeId(from, to), ["label"] = null }),
                    })),
                });
            }
        }
        var now = HubSpotEmulatorStore.Iso(_options.TimeProvider.GetUtcNow());
        return new Reply(200, new JObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now });
    }

    private static int AssociationTypeId(string from, string to) => (from, to) switch
    {
        ("contacts", "deals") => 4,
        ("deals", "contacts") => 3,
        ("contacts", "notes") => 201,
        ("notes", "contacts") => 202,
        ("deals", "notes") => 213,
        ("notes", "deals") => 214,
        _ => 0,
    };

    // ---- Properties ----

    private Reply ListProperties(Call call)
    {
        var type = ObjectType(call);
        lock (_store.Gate) return new Reply(200, new JObject { ["results"] = new JArray(_store.Properties[type].Values.Select(p => p.DeepClone())) });
    }

    private Reply GetProperty(Call call)
    {
        var type = ObjectType(call);
        var name = call.Route("propertyName");
        lock (_store.Gate)
        {
            if (!_store.Properties[type].TryGetValue(name, out var p)) throw Fail(404, "OBJECT_NOT_FOUND", $"Unable to find property {name} for object type {type}.");
            return new Reply(200, p.DeepClone());
        }
    }

    private static readonly Dictionary<string, string[]> FieldTypes = new(StringComparer.Ordinal)
    {
        ["string"] = ["text", "textarea", "html", "phonenumber", "file"],
        ["number"] = ["number"],
        ["date"] = ["date"],
        ["datetime"] = ["date"],
        ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox", "calculation_equation"],
        ["bool"] = ["booleancheckbox"],
    };

    private Reply CreateProperty(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        string name = (string?)json["name"] ?? throw Invalid("name is required.", "REQUIRED_FIELD", "name");
        string label = (string?)json["label"] ?? throw Invalid("label is required.", "REQUIRED_FIELD", "label");
        string ptype = (string?)json["type"] ?? throw Invalid("type is required.", "REQUIRED_FIELD", "type");
        string field = (string?)json["fieldType"] ?? throw Invalid("fieldType is required.", "REQUIRED_FIELD", "fieldType");
        string group = (string?)json["groupName"] ?? throw Invalid("groupName is required.", "REQUIRED_FIELD", "groupName");
        if (!FieldTypes.TryGetValue(ptype, out var fields) || !fields.Contains(field))
            throw Invalid($"The fieldType {field} is not valid for type {ptype}.", "INVALID_FIELD_TYPE", "fieldType");
        JObject created;
        lock (_store.Gate)
        {
            if (_store.Properties[type].ContainsKey(name)) throw Fail(409, "OBJECT_ALREADY_EXISTS", $"A property named '{name}' already exists.");
            if (!_store.Groups[type].ContainsKey(group)) throw Invalid($"The property group {group} does not exist.", "GROUP_NOT_FOUND", "groupName");
            created = _store.AddProperty(type, name, ptype, field, group, label, (string?)json["description"]);
            if (json["options"] is JArray options) created["options"] = options.DeepClone();
            created = (JObject)created.DeepClone();
        }
        LogWrite(call, 1);
        return new Reply(201, created);
    }

    private Reply ListGroups(Call call)
    {
        var type = ObjectType(call);
        lock (_store.Gate) return new Reply(200, new JObject { ["results"] = new JArray(_store.Groups[type].Values.Select(p => p.DeepClone())) });
    }

    private Reply CreateGroup(Call call)
    {
        var type = ObjectType(call);
        var json = call.Json();
        string name = (string?)json["name"] ?? throw Invalid("name is required.", "REQUIRED_FIELD", "name");
        string label = (string?)json["label"] ?? throw Invalid("label is required.", "REQUIRED_FIELD", "label");
        JObject created;
        lock (_store.Gate)
        {
            if (_store.Groups[type].ContainsKey(name)) throw Fail(409, "OBJECT_ALREADY_EXISTS", $"A property group named '{name}' already exists.");
            created = (JObject)_store.AddGroup(type, name, label).DeepClone();
        }
        LogWrite(call, 1);
        return new Reply(201, created);
    }

    private sealed record Reply(int Status, JToken? Body);

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
