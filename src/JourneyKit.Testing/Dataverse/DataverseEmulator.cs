using System.Globalization;
using System.Text;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.Sample;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

/// <summary>
/// A Dataverse Web API emulator: a real Kestrel server on 127.0.0.1 on a free port serving
/// <c>/api/data/v9.2/</c> with Dataverse's wire shapes (paging, formatted values, FetchXML, $batch with
/// changesets, upserts by alternate key, error bodies, service-protection 429s), seeded from a
/// <see cref="SampleCrm"/>, with fault injection, request counting and state inspection for tests.
/// </summary>
/// <example>
/// <code>
/// await using var dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { RequestsPerWindow = 100 });
/// var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken });
/// </code>
/// </example>
/// <remarks>Every request is offered to <see cref="CrmEmulator.Faults"/>, before authentication.</remarks>
public sealed class DataverseEmulator : CrmEmulator
{
    private readonly DvStore _store;
    private readonly DvHandler _handler;
    private readonly DataverseEmulatorOptions _options;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1.5);

    private DataverseEmulator(EmulatorHost host, DataverseEmulatorOptions options, DvStore store, SampleCrm crm) : base(host, crm, options.AccessToken)
    {
        _options = options;
        _store = store;
        _handler = new DvHandler(store, options.TimeProvider, options, Log);
    }

    /// <summary>The Web API root, <see cref="CrmEmulator.BaseUri"/> + <c>api/data/v9.2/</c>.</summary>
    public Uri ApiUri => new(BaseUri, DvHandler.ServicePath);

    /// <summary>
    /// The sales stage (<c>salesstage</c>: 0 Qualify, 1 Develop, 2 Propose, 3 Close) the emulator gives an opportunity for each
    /// of the sample's open deal stages (<see cref="Sample.SampleJourneys.OpenDealStages"/>); an opportunity's
    /// <c>salesstage</c> is that of the furthest stage it reached.
    /// </summary>
    public static IReadOnlyDictionary<string, int> SampleSalesStages => DvStore.SalesStageOf;

    /// <summary>The Opportunity Sales Process flow every emulated opportunity runs (<c>opportunitysalesprocesses._processid_value</c>).</summary>
    public static Guid SampleProcessId => DvStore.SampleProcessId;

    /// <summary>That flow's stages (<c>processstages</c>), Qualify to Close, by <c>stagecategory</c>.</summary>
    public static IReadOnlyList<Guid> SampleProcessStages => DvStore.SampleProcessStages;

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <param name="options">Seed data, limits and clock; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<DataverseEmulator> StartAsync(DataverseEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DataverseEmulatorOptions();
        var crm = options.Sample ?? SampleCrm.Generate();
        var host = EmulatorHost.Create(k =>
        {
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            // Dataverse takes URLs up to 32 KB (long In filters, FetchXML); Kestrel stops at 8 KB by default.
            k.Limits.MaxRequestLineSize = 32 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });
        var emulator = new DataverseEmulator(host, options, new DvStore(crm, options.TimeProvider, options.JourneyKitTablesInstalled, options.Journeys), crm);
        host.App.Run(emulator.ServeAsync);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return emulator;
    }


    /// <summary>
    /// Installs the JourneyKit tables as <c>journeykit dynamics install</c> would, for tests that need them to appear
    /// while the emulator runs. Removing them goes through the Web API, as <c>journeykit dynamics uninstall</c> does.
    /// </summary>
    /// <param name="installed">Must be true: <c>jk_persona</c>, <c>jk_objection</c> and <c>contact.jk_personaid</c> then exist.</param>
    /// <exception cref="NotSupportedException"><paramref name="installed"/> is false.</exception>
    public void SetJourneyKitTablesInstalled(bool installed)
    {
        if (!installed) throw new NotSupportedException("Remove the JourneyKit tables through the Web API (DynamicsInstaller.UninstallAsync), or start the emulator with JourneyKitTablesInstalled = false.");
        lock (_store.Gate) _store.Metadata.EnsureJourneyKitInstalled();
    }

    /// <summary>A copy of a table's rows, as stored (lookups as <c>_x_value</c>), e.g. the persona rows, <c>GetRows(JourneyKitSchema.Persona.EntitySetName)</c>.</summary>
    /// <param name="entitySet">The entity set name.</param>
    /// <returns>The rows.</returns>
    public IReadOnlyList<JObject> GetRows(string entitySet)
    {
        lock (_store.Gate)
        {
            var table = _store.Tables.GetValueOrDefault(entitySet) ?? throw new ArgumentException($"The emulator has no entity set '{entitySet}'.", nameof(entitySet));
            return table.Rows.Select(r => (JObject)r.DeepClone()).ToList();
        }
    }

    /// <summary>The <c>jk_personaid</c> a contact points at, or null.</summary>
    /// <param name="contactId">The contact.</param>
    /// <returns>The persona row's id.</returns>
    public Guid? GetContactPersonaId(Guid contactId)
    {
        lock (_store.Gate)
        {
            var row = _store.Tables["contacts"].ById.GetValueOrDefault(contactId) ?? throw new ArgumentException($"No contact {contactId}.", nameof(contactId));
            return row[DvSchema.PersonaLookupValue] is { } v ? Guid.Parse(v.ToString()) : null;
        }
    }

    /// <summary>Adds a marketing list, for tests of lists the sample has no example of.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="name">The name.</param>
    /// <param name="fetchXml">For a dynamic list its FetchXML; null for a static list.</param>
    /// <param name="members">For a static list its member contacts.</param>
    /// <param name="createdFromCode">1 account, 2 contact, 4 lead.</param>
    public void AddList(Guid listId, string name, string? fetchXml, IEnumerable<Guid>? members = null, int createdFromCode = 2)
    {
        lock (_store.Gate)
        {
            var row = new JObject { ["listid"] = listId, ["listname"] = name, ["type"] = fetchXml is not null, ["createdfromcode"] = createdFromCode, ["statecode"] = 0 };
            if (fetchXml is not null) row["query"] = fetchXml;
            var ids = (members ?? []).ToList();
            row["membercount"] = ids.Count;
            _store.Tables["lists"].Add(row);
            if (fetchXml is null) _store.ListMembers[listId] = ids;
        }
    }

    /// <summary>Sets or clears one column of a row, for tests (e.g. an empty job title).</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="id">The row's primary key.</param>
    /// <param name="column">The column's logical name (lookups as <c>_x_value</c>).</param>
    /// <param name="value">The value, or null to clear it.</param>
    public void SetColumn(string entitySet, Guid id, string column, object? value)
    {
        lock (_store.Gate)
        {
            var table = _store.Tables[entitySet];
            var row = table.ById[id];
            if (value is null) row.Remove(column); else row[column] = JToken.FromObject(value);
            // A change as Dataverse records it: a new row version (change tracking sees it) and modifiedon.
            _store.Touch(row);
            if (table.Schema.Columns.ContainsKey("modifiedon")) row["modifiedon"] = _options.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Adds a row, as a create through the Web API would (a new row version, seen by change tracking).</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="row">The row as stored (its primary key set; lookups as <c>_x_value</c>). Copied.</param>
    public void AddRow(string entitySet, JObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_store.Gate) _store.Insert(_store.Tables[entitySet], (JObject)row.DeepClone());
    }

    /// <summary>Deletes a row, as <c>DELETE</c> through the Web API would (change tracking answers it as a <c>$deletedEntity</c>).</summary>
    /// <param name="entitySet">The entity set.</param>
    /// <param name="id">The row's primary key.</param>
    /// <returns>Whether the row existed.</returns>
    public bool DeleteRow(string entitySet, Guid id)
    {
        lock (_store.Gate)
        {
            var table = _store.Tables[entitySet];
            if (table.ById.GetValueOrDefault(id) is not { } row) return false;
            _store.Remove(table, row);
            return true;
        }
    }

    /// <summary>Adds a contact to a static marketing list, as <c>AddMemberList</c> would (the list's <c>membercount</c> and version move).</summary>
    /// <param name="listId">The list.</param>
    /// <param name="contactId">The contact.</param>
    /// <returns>Whether it was not a member yet.</returns>
    public bool AddListMember(Guid listId, Guid contactId)
    {
        lock (_store.Gate)
        {
            if (_store.ListMembers.TryGetValue(listId, out var members) && members.Contains(contactId)) return false;
            _store.AddListMember(listId, contactId);
            return true;
        }
    }

    /// <summary>Removes a contact from a static marketing list, as <c>RemoveMemberList</c> would.</summary>
    /// <param name="listId">The list.</param>
    /// <param name="contactId">The contact.</param>
    /// <returns>Whether it was a member.</returns>
    public bool RemoveListMember(Guid listId, Guid contactId)
    {
        lock (_store.Gate)
        {
            if (!_store.ListMembers.TryGetValue(listId, out var members) || !members.Contains(contactId)) return false;
            _store.RemoveListMember(listId, contactId);
            return true;
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var time = _options.TimeProvider;
        var request = context.Request;
        var target = PendingRequest.RawTarget(context);
        var (path, _) = DvHandler.Split(target);
        var endpoint = request.Method + " " + EndpointName(path);
        var (number, endpointNumber) = Log.Arrived(endpoint);
        var at = time.GetUtcNow();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        var pending = PendingRequest.Of(context, at, endpoint, body);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var dvRequest = new DvRequest(request.Method, target, headers, body.Length == 0 ? null : body);
        var baseUrl = BaseUri.GetLeftPart(UriPartial.Authority);
        int status = 0;
        bool recorded = false;
        try
        {
            DvResponse response;
            var fault = Faults.Next(new FaultRequest(request.Method, Uri.UnescapeDataString(target), endpoint, number, endpointNumber));
            if (!target.StartsWith(DvHandler.ServicePath, StringComparison.Ordinal))
            {
                response = DvResponse.Error(404, "0x80060888", $"Resource not found for the segment '{path}'.");
            }
            else if (fault?.Kind == EmulatorFaultKind.ExpiredToken || User(request.Headers.Authorization.ToString()) is not { } user)
            {
                response = DvResponse.Error(401, "0x80072560", "The user is not authenticated: the bearer token is missing, invalid or expired.");
                response.Headers["WWW-Authenticate"] = "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize";
            }
            else if (fault?.Kind == EmulatorFaultKind.TooManyRequests)
            {
                response = TooMany(fault.RetryAfter ?? DefaultRetryAfter);
            }
            else if (ServiceProtection(user, time.GetUtcNow()) is { } retryAfter)
            {
                response = TooMany(retryAfter);
            }
            else if (fault?.Kind == EmulatorFaultKind.ServerError)
            {
                response = DvResponse.Error(fault.StatusCode, "0x80040216", "An unexpected error occurred.");
            }
            else if (fault?.Kind == EmulatorFaultKind.MalformedBody)
            {
                response = new DvResponse(200, "{\"@odata.context\":\"x\",\"value\":[{\"contactid\":");
            }
            else
            {
                if (fault?.Kind == EmulatorFaultKind.SlowResponse) await Task.Delay(fault.Delay, time, context.RequestAborted).ConfigureAwait(false);
                lock (_store.Gate)
                {
                    if (request.Method == "POST" && path == "$batch")
                    {
                        response = _handler.Batch(dvRequest, baseUrl);
                        CountBatch(body, headers.GetValueOrDefault("Content-Type"));
                    }
                    else
                    {
                        response = _handler.Handle(dvRequest, baseUrl);
                    }
                }
            }
            bool drop = fault?.Kind == EmulatorFaultKind.DropConnection;
            status = drop ? 0 : response.Status;
            // Logged before the body goes out, so a test that has its answer always sees the request.
            Log.Answered(pending.Answered(status));
            recorded = true;
            context.Response.StatusCode = response.Status;
            context.Response.Headers["REQ_ID"] = Guid.NewGuid().ToString("D");
            context.Response.Headers["OData-Version"] = "4.0";
            context.Response.Headers["x-ms-dop-hint"] = _options.DegreeOfParallelismHint.ToString(CultureInfo.InvariantCulture);
            foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
            if (response.Body is not null)
            {
                context.Response.ContentType = response.ContentType;
                var text = fault?.Kind is EmulatorFaultKind.NullProperty or EmulatorFaultKind.MissingProperty && response.ContentType.Contains("json", StringComparison.Ordinal)
                    ? EmulatorResponse.ApplyPropertyFault(JToken.Parse(response.Body), fault, Rows).ToString(Newtonsoft.Json.Formatting.None)
                    : response.Body;
                await EmulatorResponse.WriteBodyAsync(context, Encoding.UTF8.GetBytes(text), drop, context.RequestAborted).ConfigureAwait(false);
            }
            else if (drop)
            {
                context.Abort();
            }
        }
        finally
        {
            if (!recorded) Log.Answered(pending.Answered(status));
        }
    }

    /// <summary>The rows of an answer, for a fault on a column: the rows of a collection, or the one row read.</summary>
    private static IEnumerable<JObject> Rows(JToken body) =>
        body["value"] is JArray rows ? rows.OfType<JObject>() : body is JObject row ? [row] : [];

    private static DvResponse TooMany(TimeSpan retryAfter)
    {
        var response = DvResponse.Error(429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        response.Headers["Retry-After"] = EmulatorResponse.Seconds(retryAfter);
        response.Headers["x-ms-service-protection-error-code"] = "-2147015902";
        return response;
    }

    /// <summary>The user a bearer token signs in as (the main token, or one of the further application users'), or null.</summary>
    private string? User(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return null;
        var token = authorization["Bearer ".Length..];
        return token == AccessToken || _options.ApplicationUserTokens.Contains(token, StringComparer.Ordinal) ? token : null;
    }

    private TimeSpan? ServiceProtection(string user, DateTimeOffset now)
    {
        if (_options.RequestsPerWindow is not { } limit) return null;
        lock (_windows)
        {
            if (!_windows.TryGetValue(user, out var window)) _windows[user] = window = new Queue<DateTimeOffset>();
            while (window.Count > 0 && window.Peek() <= now - _options.ServiceProtectionWindow) window.Dequeue();
            if (window.Count >= limit)
            {
                var wait = window.Peek() + _options.ServiceProtectionWindow - now;
                return TimeSpan.FromSeconds(Math.Max(0.001, Math.Round(wait.TotalSeconds, 3)));
            }
            window.Enqueue(now);
            return null;
        }
    }

    private void CountBatch(string body, string? contentType)
    {
        try
        {
            foreach (var part in DvMultipart.Parse(contentType ?? "", body))
            {
                foreach (var inner in part.ChangeSet?.Select(c => c.Request) ?? [part.Request!])
                {
                    var key = "batch " + inner.Method + " " + EndpointName(DvHandler.Split(inner.Target).Path);
                    Log.CountInner(key);
                }
            }
        }
        catch (FormatException)
        {
            // The batch handler has already answered 400; there is nothing to count.
        }
    }

    private static string EndpointName(string path)
    {
        var sb = new StringBuilder();
        int depth = 0;
        foreach (var c in path)
        {
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0) sb.Append(c);
        }
        return sb.ToString();
    }
}
