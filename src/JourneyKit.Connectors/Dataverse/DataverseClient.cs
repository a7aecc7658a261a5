using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using System.Xml;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Http;
using JourneyKit.Model;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// A Dataverse Web API (OData v4) client: bearer auth with one refresh on 401, OData paging that follows
/// <c>@odata.nextLink</c> unmodified, FetchXML paging cookies, <c>$batch</c> with changesets, and retries that
/// honour service-protection <c>Retry-After</c> (fractional seconds) and back off on 5xx and dropped connections.
/// Immutable and thread-safe: share one instance. Use its typed sub-clients (<see cref="Records"/>, <see cref="Lists"/>,
/// <see cref="Batch"/>, <see cref="Metadata"/>); the verbs on this class that take a path and query text
/// (<see cref="QueryAsync"/>, <see cref="RetrieveAsync"/>, <see cref="ExecuteAsync"/>…) are the raw escape hatch for
/// what the sub-clients do not cover, with the same auth, retries and errors.
/// </summary>
public partial class DataverseClient
{
    /// <summary>The annotation suffix of formatted values (option-set labels, money, lookup names).</summary>
    public const string FormattedValue = "@OData.Community.Display.V1.FormattedValue";

    private readonly CrmHttpPipeline _pipeline = null!;
    private readonly Uri _apiRoot = null!;
    private readonly int _maxParallelism;
    private int _dopHint;
    private Clients.DataverseMetadataClient? _metadata;
    private Clients.DataverseRecordsClient? _records;
    private Clients.DataverseListsClient? _lists;
    private Clients.DataverseBatchClient? _batch;

    /// <summary>For mocking only.</summary>
    protected DataverseClient()
    {
    }

    /// <summary>Creates a client.</summary>
    /// <param name="options">Connection and behaviour; copied, later changes have no effect.</param>
    /// <param name="httpClient">The HTTP client to use (e.g. from <c>IHttpClientFactory</c>); one is created when null.</param>
    /// <exception cref="ArgumentException">The options are incomplete or out of range.</exception>
    public DataverseClient(DataverseClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EnvironmentUrl is not { IsAbsoluteUri: true } environment)
            throw new ArgumentException("DataverseClientOptions.EnvironmentUrl is required, e.g. https://contoso.crm4.dynamics.com/.", nameof(options));
        if (options.PageSize is < 1 or > 5000) throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "DataverseClientOptions.PageSize must be between 1 and 5000.");
        if (options.BatchSize is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "DataverseClientOptions.BatchSize must be between 1 and 1000.");
        if (options.MaxParallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxParallelism, "DataverseClientOptions.MaxParallelism must be at least 1.");
        ArgumentNullException.ThrowIfNull(options.Retry);
        var retry = options.Retry.Copy(nameof(DataverseClientOptions));
        var tokens = options.TokenProvider
            ?? (options.Credential is { } credential ? new TokenCredentialDataverseTokenProvider(credential, environment, options.TimeProvider) : null)
            ?? (options.AccessToken is { Length: > 0 } token ? (ICrmTokenProvider)new StaticTokenProvider(token) : null)
            ?? (options.TenantId is not null && options.ClientId is not null && (options.ClientSecret is not null || options.ClientCertificate is not null)
                ? new MsalDataverseTokenProvider(environment, options.TenantId, options.ClientId, options.ClientSecret, options.ClientCertificate)
                : throw new ArgumentException("Dataverse authentication is not configured: set TokenProvider, Credential (an Azure TokenCredential), AccessToken, or TenantId + ClientId + ClientSecret/ClientCertificate.", nameof(options)));
        var root = environment.GetLeftPart(UriPartial.Authority) + environment.AbsolutePath.TrimEnd('/') + "/";
        _apiRoot = new Uri(root + "api/data/" + options.ApiVersion.Trim('/') + "/");
        // A long-lived client must still see DNS changes (Dataverse environments move between scale units). The pipeline
        // applies RequestTimeout per attempt, so the HttpClient's own timeout must not cut retries short.
        var http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        var dialect = new DataverseHttpDialect(_apiRoot, options.Logger, dop => Volatile.Write(ref _dopHint, dop));
        string? accessToken = options.AccessToken, clientSecret = options.ClientSecret;
        dialect.RedactFrom(() => [accessToken, clientSecret]);
        if (options.ApplicationUsers.Any(u => u is null)) throw new ArgumentException("DataverseClientOptions.ApplicationUsers must not hold null.", nameof(options));
        ICrmTokenProvider[] users = [tokens, .. options.ApplicationUsers];
        _pipeline = new CrmHttpPipeline(http, users, dialect, retry, options.RequestTimeout, options.TimeProvider ?? TimeProvider.System);
        ApplicationUserCount = users.Length;
        PageSize = options.PageSize;
        BatchSize = options.BatchSize;
        _maxParallelism = options.MaxParallelism;
        _dopHint = options.MaxParallelism;
    }

    /// <summary>Customization: table and relationship definitions, publishers, solutions, web resources, forms, webhook registration, publish and export.</summary>
    public virtual Clients.DataverseMetadataClient Metadata => _metadata ??= new Clients.DataverseMetadataClient(this);

    /// <summary>Records: typed queries (<see cref="Models.DataverseQuery"/>: select, filter, order, top, expand, paging), FetchXML, reads, updates and upserts.</summary>
    public virtual Clients.DataverseRecordsClient Records => _records ??= new Clients.DataverseRecordsClient(this);

    /// <summary>Marketing lists and their members (static lists through <c>listcontact_association</c>, dynamic lists through their FetchXML).</summary>
    public virtual Clients.DataverseListsClient Lists => _lists ??= new Clients.DataverseListsClient(this);

    /// <summary><c>$batch</c>: atomic changesets and many batches in parallel.</summary>
    public virtual Clients.DataverseBatchClient Batch => _batch ??= new Clients.DataverseBatchClient(this);

    /// <summary>The Web API root, e.g. <c>https://contoso.crm4.dynamics.com/api/data/v9.2/</c>.</summary>
    public virtual Uri ApiRoot => _apiRoot;

    /// <summary>How many application users the client signs in as (1 plus <see cref="DataverseClientOptions.ApplicationUsers"/>).</summary>
    public virtual int ApplicationUserCount { get; }

    /// <summary>Rows per page.</summary>
    public virtual int PageSize { get; }

    /// <summary>Writes per changeset.</summary>
    public virtual int BatchSize { get; }

    /// <summary>The parallelism to use now: the smaller of the configured maximum and Dataverse's last <c>x-ms-dop-hint</c>.</summary>
    public virtual int DegreeOfParallelism => Math.Max(1, Math.Min(_maxParallelism, Volatile.Read(ref _dopHint)));

    /// <summary>Streams the rows of a query, following <c>@odata.nextLink</c> unmodified until the last page.</summary>
    /// <param name="pathAndQuery">Relative to the API root, e.g. <c>contacts?$select=fullname&amp;$filter=…</c> (filter values quoted with <see cref="DataverseFilter"/>).</param>
    /// <param name="formattedValues">Whether to ask for formatted values (<c>col@OData.Community.Display.V1.FormattedValue</c>).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The rows; absent columns are null in Dataverse.</returns>
    public virtual async IAsyncEnumerable<JObject> QueryAsync(string pathAndQuery, bool formattedValues = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        Uri? next = new(_apiRoot, pathAndQuery.TrimStart('/'));
        while (next is not null)
        {
            var page = await GetPageAsync(next, PageSize, formattedValues, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Rows) yield return row;
            next = page.NextLink;
        }
    }

    /// <summary>Reads one page of a query; the next link is checked to stay on this environment's host.</summary>
    internal async Task<Models.DataversePage> GetPageAsync(Uri url, int pageSize, bool formattedValues, CancellationToken cancellationToken)
    {
        var prefer = "odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture) + (formattedValues ? ",odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"" : "");
        // The rows are parsed as they are read (DataversePageRows), not as one tree of the whole page, from the body's
        // bytes (CrmBody), not from one string of it.
        var page = await _pipeline.SendAsync(new CrmHttpCall<(DataversePageRows? Rows, string? NextLink)>
        {
            CreateRequest = () => Get(url, prefer),
            Describe = Describe("GET", url),
            Idempotent = true,
            BufferBytes = true,
            Parse = static answer => answer.Body is { } body ? DataversePageRows.Read(body.OpenText) : DataversePageRows.Read(answer.Text),
        }, cancellationToken).ConfigureAwait(false);
        if (page.Body.Rows is not { } rows)
            throw new DataverseException($"Dataverse answered {Describe("GET", url)} without a 'value' array.") { Request = Describe("GET", url), RequestId = page.RequestId };
        var link = page.Body.NextLink;
        return new Models.DataversePage(rows, link is null ? null : SameOrigin(new Uri(link, UriKind.Absolute), url));
    }

    /// <summary>
    /// Reads one page of a change-tracking query (<c>Prefer: odata.track-changes</c>): a query's first page or a page its
    /// next link or delta link points at. Deleted rows (<c>$deletedEntity</c>, <c>reason: deleted</c>) come apart from the
    /// rows; the last page carries the delta link of the next read.
    /// </summary>
    internal async Task<DataverseChangePage> GetChangesPageAsync(Uri url, CancellationToken cancellationToken)
    {
        var page = TakePrefetched(url) is { } prefetched
            ? prefetched
            : await SendAsync(() => Get(url, ChangesPrefer), Describe("GET", url), idempotent: true, ParseObject, cancellationToken).ConfigureAwait(false);
        if (page.Body["value"] is not JArray value)
            throw new DataverseException($"Dataverse answered {Describe("GET", url)} without a 'value' array.") { Request = Describe("GET", url), RequestId = page.RequestId };
        var rows = new List<JObject>();
        var deleted = new List<string>();
        foreach (var row in value.OfType<JObject>())
        {
            bool removed = ((string?)row["@odata.context"])?.EndsWith("$deletedEntity", StringComparison.Ordinal) == true || (string?)row["reason"] == "deleted";
            if (removed) { if ((string?)row["id"] is { } id) deleted.Add(id); }
            else rows.Add(row);
        }
        var next = (string?)page.Body["@odata.nextLink"];
        var delta = (string?)page.Body["@odata.deltaLink"];
        return new DataverseChangePage(rows, deleted,
            next is null ? null : SameOrigin(new Uri(next, UriKind.Absolute), url),
            delta is null ? null : SameOrigin(new Uri(delta, UriKind.Absolute), url));
    }

    /// <summary>
    /// Streams the rows of a FetchXML query page by page (<c>count</c> = <see cref="PageSize"/> unless the query sets it),
    /// passing back the paging cookie of <c>@Microsoft.Dynamics.CRM.fetchxmlpagingcookie</c> while <c>morerecords</c> is true.
    /// </summary>
    /// <param name="entitySet">The entity set of the fetch's entity, e.g. <c>contacts</c>.</param>
    /// <param name="fetchXml">The FetchXML.</param>
    /// <param name="formattedValues">Whether to ask for formatted values.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The rows; link-entity columns are named <c>alias.column</c>.</returns>
    /// <exception cref="ArgumentException">The FetchXML is not well-formed.</exception>
    public virtual async IAsyncEnumerable<JObject> FetchAsync(string entitySet, string fetchXml, bool formattedValues = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entitySet);
        XDocument doc;
        try { doc = XDocument.Parse(fetchXml); }
        catch (XmlException ex) { throw new ArgumentException($"The FetchXML is not well-formed: {ex.Message}", nameof(fetchXml), ex); }
        var fetch = doc.Root!;
        if (fetch.Attribute("count") is null) fetch.SetAttributeValue("count", PageSize.ToString(CultureInfo.InvariantCulture));
        int page = 1;
        var prefer = formattedValues ? "odata.include-annotations=\"*\"" : null;
        while (true)
        {
            fetch.SetAttributeValue("page", page.ToString(CultureInfo.InvariantCulture));
            var url = new Uri(_apiRoot, entitySet + "?fetchXml=" + Uri.EscapeDataString(fetch.ToString(SaveOptions.DisableFormatting)));
            var result = await SendAsync(() => Get(url, prefer), "GET " + entitySet + "?fetchXml=…", idempotent: true, ParseObject, cancellationToken).ConfigureAwait(false);
            if (result.Body["value"] is not JArray rows)
                throw new DataverseException($"Dataverse answered the FetchXML query on {entitySet} without a 'value' array.") { Request = "GET " + entitySet, RequestId = result.RequestId };
            foreach (var row in rows.OfType<JObject>()) yield return row;
            if ((bool?)result.Body["@Microsoft.Dynamics.CRM.morerecords"] != true) yield break;
            var cookie = (string?)result.Body["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"];
            string? pagingCookie = null;
            if (cookie is not null)
            {
                var element = XElement.Parse(cookie);
                if ((string?)element.Attribute("pagingcookie") is { } encoded) pagingCookie = Uri.UnescapeDataString(Uri.UnescapeDataString(encoded));
                if (int.TryParse((string?)element.Attribute("pagenumber"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > page) page = number - 1;
            }
            page++;
            fetch.SetAttributeValue("paging-cookie", pagingCookie);
        }
    }

    /// <summary>Reads one record or metadata object, e.g. <c>lists(…)?$select=listname</c>.</summary>
    /// <param name="pathAndQuery">Relative to the API root.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The JSON object.</returns>
    /// <exception cref="DataverseException">It does not exist (<see cref="CrmException.StatusCode"/> 404) or the request failed.</exception>
    public virtual async Task<JObject> RetrieveAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        var url = new Uri(_apiRoot, pathAndQuery.TrimStart('/'));
        var result = TakePrefetched(url) ?? await SendAsync(() => Get(url, RetrievePrefer), Describe("GET", url), idempotent: true, ParseObject, cancellationToken).ConfigureAwait(false);
        return result.Body;
    }

    /// <summary>Creates a record and returns it as stored (<c>Prefer: return=representation</c>). Not retried after a dropped connection, since it may have been created.</summary>
    /// <param name="entitySet">The entity set, e.g. <c>jk_personas</c>.</param>
    /// <param name="record">The columns, with <c>nav@odata.bind</c> for lookups.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The created record.</returns>
    public virtual async Task<JObject> CreateAsync(string entitySet, JObject record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entitySet);
        ArgumentNullException.ThrowIfNull(record);
        var url = new Uri(_apiRoot, entitySet);
        var body = record.ToString(Newtonsoft.Json.Formatting.None);
        var result = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
            return request;
        }, "POST " + entitySet, idempotent: false, ParseObject, cancellationToken).ConfigureAwait(false);
        return result.Body;
    }

    /// <summary>
    /// Sends one Web API request of any method (metadata writes, actions such as <c>PublishXml</c>, <c>PUT</c> of a
    /// metadata definition, <c>DELETE</c>), with the same auth, retries and error handling as the other methods.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">Relative to the API root, e.g. <c>EntityDefinitions</c>.</param>
    /// <param name="body">The JSON body, or null.</param>
    /// <param name="headers">Extra headers, e.g. <c>MSCRM.SolutionUniqueName</c> or <c>If-Match: *</c>.</param>
    /// <param name="idempotent">Whether the request may be resent after a dropped connection or a 5xx.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status, the JSON body if any, and the <c>OData-EntityId</c> header.</returns>
    /// <exception cref="DataverseException">Dataverse answered with an error.</exception>
    public virtual async Task<DataverseResponse> ExecuteAsync(HttpMethod method, string pathAndQuery, JObject? body = null,
        IReadOnlyDictionary<string, string>? headers = null, bool idempotent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        var url = new Uri(_apiRoot, pathAndQuery.TrimStart('/'));
        var text = body?.ToString(Newtonsoft.Json.Formatting.None);
        var result = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, url);
            if (text is not null) request.Content = new StringContent(text, Encoding.UTF8, "application/json");
            if (method == HttpMethod.Get) request.Headers.TryAddWithoutValidation("If-None-Match", "null");
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
            return request;
        }, Describe(method.Method, url), idempotent, static (content, response) =>
        {
            var entityId = Header(response, "OData-EntityId") is { } raw && Uri.TryCreate(raw, UriKind.Absolute, out var uri) ? uri : null;
            return (Body: string.IsNullOrWhiteSpace(content) ? null : ParseObject(content, response), EntityId: entityId);
        }, cancellationToken).ConfigureAwait(false);
        return new DataverseResponse(result.Status, result.Body.Body, result.Body.EntityId, result.RequestId);
    }

    /// <summary>
    /// Sends a <c>$batch</c> of at most 1000 requests. Changesets are atomic. Without <paramref name="continueOnError"/>
    /// Dataverse stops at the first failure; with it, each part gets its own status. The response is returned
    /// whatever the parts' statuses; see <see cref="DataverseBatchResponse.IsSuccess"/>.
    /// </summary>
    /// <param name="parts">The parts.</param>
    /// <param name="continueOnError">Whether to send <c>Prefer: odata.continue-on-error</c>.</param>
    /// <param name="idempotent">Whether the whole batch may be resent after a dropped connection or a 5xx (true for upserts by key and conditional updates).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The parts' responses.</returns>
    public virtual async Task<DataverseBatchResponse> ExecuteBatchAsync(IReadOnlyList<DataverseBatchPart> parts, bool continueOnError = false, bool idempotent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        int total = parts.Sum(p => p.Count);
        if (total == 0) throw new ArgumentException("A batch needs at least one request.", nameof(parts));
        if (total > 1000) throw new ArgumentException($"A Dataverse batch holds at most 1000 requests; this one has {total}.", nameof(parts));
        var boundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = DataverseMultipart.Write(boundary, parts, _apiRoot.AbsolutePath);
        var url = new Uri(_apiRoot, "$batch");
        var result = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=" + boundary);
            if (continueOnError) request.Headers.TryAddWithoutValidation("Prefer", "odata.continue-on-error");
            return request;
        }, "POST $batch", idempotent, static (text, response) => (text, response.Content.Headers.ContentType?.ToString() ?? ""), cancellationToken,
        acceptBatchFailure: true).ConfigureAwait(false);
        var (text, contentType) = result.Body;
        List<DataverseBatchResult> results;
        try { results = DataverseMultipart.Read(contentType, text); }
        catch (FormatException ex)
        {
            var (code, message) = DataverseMultipart.ReadError(text);
            throw new DataverseException(message is not null ? $"Dataverse rejected the batch: {message}" : $"Dataverse's batch response could not be read: {ex.Message}", ex)
            { StatusCode = result.Status, ErrorCode = code, ServiceMessage = message, RequestId = result.RequestId, Request = "POST $batch" };
        }
        return new DataverseBatchResponse(result.Status, results, result.RequestId);
    }

    /// <summary>Sends many batches, at most <see cref="DegreeOfParallelism"/> at a time (re-read between batches, as Dataverse's hint changes).</summary>
    /// <param name="batches">The batches.</param>
    /// <param name="continueOnError">As in <see cref="ExecuteBatchAsync"/>.</param>
    /// <param name="idempotent">As in <see cref="ExecuteBatchAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The responses, in the order of <paramref name="batches"/>.</returns>
    public virtual async Task<IReadOnlyList<DataverseBatchResponse>> ExecuteBatchesAsync(IReadOnlyList<IReadOnlyList<DataverseBatchPart>> batches, bool continueOnError = false, bool idempotent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var responses = new DataverseBatchResponse[batches.Count];
        var running = new List<Task>();
        int next = 0;
        while (next < batches.Count || running.Count > 0)
        {
            while (next < batches.Count && running.Count < DegreeOfParallelism)
            {
                int index = next++;
                running.Add(Task.Run(async () => responses[index] = await ExecuteBatchAsync(batches[index], continueOnError, idempotent, cancellationToken).ConfigureAwait(false), cancellationToken));
            }
            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            await done.ConfigureAwait(false);
        }
        return responses;
    }

    private static HttpRequestMessage Get(Uri url, string? prefer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        // Without it, a browser-style cache between us and Dataverse could answer with stale rows.
        request.Headers.TryAddWithoutValidation("If-None-Match", "null");
        if (prefer is not null) request.Headers.TryAddWithoutValidation("Prefer", prefer);
        return request;
    }

    private static JObject ParseObject(string text, HttpResponseMessage response)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var token = JToken.ReadFrom(reader);
        return token as JObject ?? throw new JsonReaderException($"Expected a JSON object but found {token.Type}.");
    }

    private Uri SameOrigin(Uri link, Uri previous)
    {
        // The bearer token must never follow a link to another host.
        if (Uri.Compare(link, _apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new DataverseException($"Dataverse returned a next link to another host ({link.GetLeftPart(UriPartial.Authority)}) for {Describe("GET", previous)}; it was not followed.") { Request = Describe("GET", previous) };
        return link;
    }

    private string Describe(string method, Uri url)
    {
        var path = url.AbsolutePath;
        var root = _apiRoot.AbsolutePath;
        return method + " " + (path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : path);
    }

    private Task<CrmHttpResult<T>> SendAsync<T>(Func<HttpRequestMessage> factory, string description, bool idempotent, Func<string, HttpResponseMessage, T> parse,
        CancellationToken cancellationToken, bool acceptBatchFailure = false) =>
        _pipeline.SendAsync(new CrmHttpCall<T>
        {
            CreateRequest = factory,
            Describe = description,
            Idempotent = idempotent,
            Parse = answer => parse(answer.Text, answer.Response),
            // A failed $batch (no continue-on-error) is answered with the failing request's status (400, 404, 412…)
            // and the error inside the multipart body: read it, so the error can name that request.
            AcceptError = acceptBatchFailure ? static answer => answer.Status >= 400 && answer.Response.Content.Headers.ContentType?.MediaType == "multipart/mixed" : null,
        }, cancellationToken);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
