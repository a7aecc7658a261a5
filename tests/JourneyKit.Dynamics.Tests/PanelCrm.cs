using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using JourneyKit.Dynamics.WebResources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests;

/// <summary>
/// The server behind the harness's fake Xrm.WebApi: serves the harness and the real embedded panel, and answers the
/// panel's calls in Xrm.WebApi's shapes (a row; <c>{entities, nextLink}</c>; errors as Dataverse's error body) either
/// from canned rows or, with <see cref="StartAsync(JourneyKit.Testing.Dataverse.DataverseEmulator?)"/> given an emulator,
/// by calling the Dataverse emulator's Web API as Xrm.WebApi calls Dataverse's (same origin, so no CORS).
/// </summary>
internal sealed partial class PanelCrm : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PanelCrm(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Path and decoded query of every API call, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Dictionary<string, JObject> Rows { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<JObject> Objections { get; } = [];

    /// <summary>When set, calls on this table fail with a Dataverse error.</summary>
    public string? FailingTable { get; set; }

    /// <summary>The Dataverse emulator the calls go to, or null for canned rows.</summary>
    public JourneyKit.Testing.Dataverse.DataverseEmulator? Backend { get; private set; }

    private static readonly HttpClient BackendHttp = new();

    private static readonly Dictionary<string, string> EntitySets = new(StringComparer.Ordinal)
    {
        ["contact"] = "contacts", ["opportunity"] = "opportunities", ["jk_persona"] = "jk_personas", ["jk_objection"] = "jk_objections",
    };

    public static async Task<PanelCrm> StartAsync(JourneyKit.Testing.Dataverse.DataverseEmulator? backend)
    {
        var crm = await StartAsync();
        crm.Backend = backend;
        return crm;
    }

    public static async Task<PanelCrm> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        PanelCrm? crm = null;
        app.MapGet("/harness.html", () => Results.Text(TestFiles.Read("panel-harness.html"), "text/html; charset=utf-8"));
        app.MapGet("/jk_objections_panel.html", () => Results.Text(WebResourceFiles.ObjectionsPanelHtml, "text/html; charset=utf-8"));
        app.MapGet("/api/{resource}", (string resource, HttpRequest request) => crm!.Backend is null ? Task.FromResult(crm.Answer(resource, request)) : crm.ForwardAsync(resource, request));
        await app.StartAsync();
        crm = new PanelCrm(app, new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
        return crm;
    }

    [GeneratedRegex(@"^(?<table>\w+)(\((?<id>[^)]*)\))?$")]
    private static partial Regex Resource();

    [GeneratedRegex(@"_jk_personaid_value eq (?<id>[0-9a-f-]{36})")]
    private static partial Regex PersonaFilter();

    private IResult Answer(string resource, HttpRequest request)
    {
        string query = Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty);
        Requests.Enqueue(resource + query);
        var match = Resource().Match(resource);
        if (!match.Success) return Results.NotFound();
        string table = match.Groups["table"].Value;
        if (table == FailingTable)
            return Json(500, new JObject { ["error"] = new JObject { ["code"] = "0x80040216", ["message"] = "An unexpected error occurred. <b>not markup</b>" } });
        if (match.Groups["id"].Success)
        {
            string key = table + "(" + match.Groups["id"].Value.Trim('{', '}') + ")";
            return Rows.TryGetValue(key, out var row)
                ? Json(200, row)
                : Json(404, new JObject { ["error"] = new JObject { ["code"] = "0x80040217", ["message"] = $"{table} With Id = {match.Groups["id"].Value} Does Not Exist" } });
        }
        if (table != "jk_objection") return Results.NotFound();
        var persona = PersonaFilter().Match(request.Query["$filter"].ToString());
        var rows = Objections.Where(o => persona.Success && (string?)o["_jk_personaid_value"] == persona.Groups["id"].Value);
        return Json(200, new JObject { ["entities"] = new JArray(rows), ["nextLink"] = null });
    }

    private async Task<IResult> ForwardAsync(string resource, HttpRequest request)
    {
        Requests.Enqueue(resource + Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty));
        var match = Resource().Match(resource);
        if (!match.Success || !EntitySets.TryGetValue(match.Groups["table"].Value, out var set)) return Results.NotFound();
        // Xrm.WebApi turns maxPageSize into the Prefer header; every other option goes to the Web API as it is.
        var options = request.Query.Where(q => q.Key != "maxpagesize").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}");
        var path = set + (match.Groups["id"].Success ? $"({match.Groups["id"].Value.Trim('{', '}')})" : string.Empty);
        using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(Backend!.ApiUri, path + "?" + string.Join('&', options)));
        call.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Backend.AccessToken);
        call.Headers.Add("Accept", "application/json");
        call.Headers.Add("OData-MaxVersion", "4.0");
        call.Headers.Add("OData-Version", "4.0");
        call.Headers.Add("Prefer", $"odata.include-annotations=\"*\"{(request.Query.TryGetValue("maxpagesize", out var size) ? $",odata.maxpagesize={size}" : string.Empty)}");
        using var response = await BackendHttp.SendAsync(call);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode || match.Groups["id"].Success) return Json((int)response.StatusCode, body);
        return Json(200, new JObject { ["entities"] = body["value"], ["nextLink"] = body["@odata.nextLink"] });
    }

    private static IResult Json(int status, JObject body) => Results.Text(body.ToString(), "application/json; charset=utf-8", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
