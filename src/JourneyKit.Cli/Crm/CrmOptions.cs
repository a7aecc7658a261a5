using System.CommandLine;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Http;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Connectors.Sync.Journeys;
using JourneyKit.Model;

namespace JourneyKit.Cli.Crm;

/// <summary>
/// The options that say how to reach each CRM, shared by populate, push and the install commands.
/// Secrets may come from the environment so they stay out of shell history; they are never printed.
/// </summary>
internal sealed class CrmOptions
{
    public const string HubSpotTokenVariable = "JOURNEYKIT_HUBSPOT_TOKEN";

    public const string DataverseVariablePrefix = "JOURNEYKIT_DATAVERSE_";

    public Option<string?> HubSpotToken { get; } = new("--hubspot-token") { Description = $"HubSpot private-app or OAuth access token (or env {HubSpotTokenVariable})." };

    public Option<Uri?> HubSpotBaseUrl { get; } = UrlOption("--hubspot-base-url", "HubSpot API base URL (default https://api.hubapi.com; an emulator's URL in tests).");

    public Option<Uri?> DataverseUrl { get; } = UrlOption("--dataverse-url", $"Dataverse environment URL, e.g. https://contoso.crm4.dynamics.com (or env {DataverseVariablePrefix}URL).");

    public Option<string?> TenantId { get; } = new("--tenant-id") { Description = $"Microsoft Entra tenant id for app sign-in (or env {DataverseVariablePrefix}TENANT_ID)." };

    public Option<string?> ClientId { get; } = new("--client-id") { Description = $"App registration (client) id (or env {DataverseVariablePrefix}CLIENT_ID)." };

    public Option<string?> ClientSecret { get; } = new("--client-secret") { Description = $"App client secret (or env {DataverseVariablePrefix}CLIENT_SECRET; prefer the variable: it stays out of shell history)." };

    public Option<string?> DataverseToken { get; } = new("--dataverse-token") { Description = $"A ready bearer token for the environment, instead of app sign-in (or env {DataverseVariablePrefix}TOKEN)." };

    public Option<string> State { get; } = new("--state") { Description = "The local state database (checkpoints, map history).", DefaultValueFactory = _ => Connectors.State.SyncStateStore.DefaultPath };

    /// <summary>An absolute http(s) URL option; anything else is a usage error naming the option.</summary>
    public static Option<Uri?> UrlOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)) return uri;
            result.AddError($"{name} must be an absolute http(s) URL, not '{text}'.");
            return null;
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(HubSpotToken);
        command.Options.Add(HubSpotBaseUrl);
        command.Options.Add(DataverseUrl);
        command.Options.Add(TenantId);
        command.Options.Add(ClientId);
        command.Options.Add(ClientSecret);
        command.Options.Add(DataverseToken);
        command.Options.Add(State);
    }

    /// <summary>Adds only the Dataverse connection options (for commands that talk to Dataverse alone).</summary>
    public void AddDataverseTo(Command command)
    {
        command.Options.Add(DataverseUrl);
        command.Options.Add(TenantId);
        command.Options.Add(ClientId);
        command.Options.Add(ClientSecret);
        command.Options.Add(DataverseToken);
    }

    public static CrmKind ParseCrm(string value) => value.ToLowerInvariant() switch
    {
        "hubspot" => CrmKind.HubSpot,
        "dataverse" or "dynamics" => CrmKind.Dataverse,
        _ => throw new CliInputException($"Unknown CRM '{value}'; use hubspot or dataverse."),
    };

    /// <summary>
    /// The connector for a CRM, from the command line or the environment. Given the map, the HubSpot connector also reads
    /// the dates of the lifecycle stages the map binds with each contact (no extra request), so a measure right after the
    /// populate (what <c>sync</c> runs) reads no contact again for them.
    /// </summary>
    public ICrmConnector CreateConnector(CrmKind crm, ParseResult parse, CliContext context, JourneyMap? map = null) =>
        crm == CrmKind.HubSpot ? CreateHubSpot(parse, context, map)
        : crm == CrmKind.Dataverse ? new DataverseConnector(CreateDataverseClient(parse, context))
        : throw new CliInputException($"{crm} is not supported.");

    public HubSpotConnector CreateHubSpot(ParseResult parse, CliContext context, JourneyMap? map = null) =>
        new(CreateHubSpotClient(parse, context), new HubSpotConnectorOptions { StageDates = map is null ? null : BoundLifecycleStages(map) });

    /// <summary>The HubSpot lifecycle stages the map binds; null when it binds none.</summary>
    private static IReadOnlyList<string>? BoundLifecycleStages(JourneyMap map)
    {
        var stages = CrmJourneyMapping.FromMap(map, CrmKind.HubSpot).ToQuery([]).ContactStages;
        return stages is { Count: > 0 } ? stages : null;
    }

    /// <summary>The HubSpot client from the command line or the environment.</summary>
    public HubSpotClient CreateHubSpotClient(ParseResult parse, CliContext context)
    {
        var token = parse.GetValue(HubSpotToken) ?? context.Environment(HubSpotTokenVariable);
        if (string.IsNullOrWhiteSpace(token))
            throw new CliInputException($"No HubSpot token: pass --hubspot-token or set {HubSpotTokenVariable} (a private app token with the crm.lists.read, crm.objects.contacts.read/write, crm.objects.deals.read and crm.schemas.contacts.write scopes; measure also needs sales-email-read and crm.objects.feedback_submissions.read; docs/hubspot.md lists them).");
        var options = new HubSpotClientOptions { AccessToken = TokenLike(token, $"The HubSpot token (--hubspot-token or {HubSpotTokenVariable})"), TimeProvider = context.Time };
        if (parse.GetValue(HubSpotBaseUrl) is { } baseUrl) options.BaseUri = baseUrl;
        return new HubSpotClient(options);
    }

    /// <summary>Shorter than any real token or secret: a value cut off, or a placeholder.</summary>
    internal const int MinimumSecretLength = 12;

    /// <summary>
    /// The trimmed secret, if it is long enough to be one. A one-letter "token" is a mistake, and would be masked
    /// wherever it appears in a word of an error message; its value is never printed.
    /// </summary>
    internal static string TokenLike(string value, string what)
    {
        var trimmed = value.Trim();
        if (trimmed.Length < MinimumSecretLength)
            throw new CliInputException($"{what} is only {trimmed.Length} character(s) long; real ones are far longer (a HubSpot private-app token starts with 'pat-' and has over 40). Was it cut off, or is it a placeholder?");
        return trimmed;
    }

    /// <summary>The Dataverse client from options or environment: a ready token, or app sign-in (tenant, client id, secret).</summary>
    public DataverseClient CreateDataverseClient(ParseResult parse, CliContext context, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        string? Value(Option<string?> option, string variable) => parse.GetValue(option) ?? context.Environment(DataverseVariablePrefix + variable);
        var url = parse.GetValue(DataverseUrl);
        if (url is null && context.Environment(DataverseVariablePrefix + "URL") is { } fromEnv)
        {
            if (!Uri.TryCreate(fromEnv, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                throw new CliInputException($"{DataverseVariablePrefix}URL must be an absolute http(s) URL.");
        }
        if (url is null)
            throw new CliInputException($"No Dataverse environment: pass --dataverse-url or set {DataverseVariablePrefix}URL (e.g. https://contoso.crm4.dynamics.com).");
        var options = new DataverseClientOptions { EnvironmentUrl = url, TimeProvider = context.Time, Logger = logger };
        var token = Value(DataverseToken, "TOKEN");
        if (!string.IsNullOrWhiteSpace(token))
        {
            options.AccessToken = TokenLike(token, $"The Dataverse token (--dataverse-token or {DataverseVariablePrefix}TOKEN)");
            AddFurtherUsers(options, url, null, context);
            return new DataverseClient(options);
        }
        var tenant = Value(TenantId, "TENANT_ID");
        var client = Value(ClientId, "CLIENT_ID");
        var secret = Value(ClientSecret, "CLIENT_SECRET");
        if (string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(client) || string.IsNullOrWhiteSpace(secret))
        {
            throw new CliInputException("No Dataverse credentials: give --dataverse-token (or " + DataverseVariablePrefix + "TOKEN), or all of --tenant-id, --client-id and --client-secret (or "
                + DataverseVariablePrefix + "TENANT_ID, _CLIENT_ID, _CLIENT_SECRET) for an app registration that has an application user in the environment.");
        }
        options.TenantId = tenant.Trim();
        options.ClientId = client.Trim();
        options.ClientSecret = TokenLike(secret, $"The client secret (--client-secret or {DataverseVariablePrefix}CLIENT_SECRET)");
        AddFurtherUsers(options, url, options.TenantId, context);
        return new DataverseClient(options);
    }

    /// <summary>The most further application users read from the environment (<c>…_2</c> to <c>…_16</c>).</summary>
    public const int MaxApplicationUsers = 16;

    /// <summary>
    /// Further application users from the environment, numbered from 2 until the first number that is not set: each is
    /// <c>JOURNEYKIT_DATAVERSE_TOKEN_n</c>, or <c>JOURNEYKIT_DATAVERSE_CLIENT_ID_n</c> with <c>JOURNEYKIT_DATAVERSE_CLIENT_SECRET_n</c>
    /// (same tenant). Dataverse counts service protection per user, so each one adds a budget (docs/dataverse.md).
    /// </summary>
    private static void AddFurtherUsers(DataverseClientOptions options, Uri url, string? tenant, CliContext context)
    {
        for (int n = 2; n <= MaxApplicationUsers; n++)
        {
            string suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var token = context.Environment(DataverseVariablePrefix + "TOKEN" + suffix);
            var client = context.Environment(DataverseVariablePrefix + "CLIENT_ID" + suffix);
            var secret = context.Environment(DataverseVariablePrefix + "CLIENT_SECRET" + suffix);
            if (string.IsNullOrWhiteSpace(token) && string.IsNullOrWhiteSpace(client) && string.IsNullOrWhiteSpace(secret)) return;
            if (!string.IsNullOrWhiteSpace(token))
            {
                options.ApplicationUsers.Add(new StaticTokenProvider(TokenLike(token, $"{DataverseVariablePrefix}TOKEN{suffix}")));
                continue;
            }
            if (string.IsNullOrWhiteSpace(client) || string.IsNullOrWhiteSpace(secret) || string.IsNullOrWhiteSpace(tenant))
            {
                throw new CliInputException($"Application user {n} is incomplete: set {DataverseVariablePrefix}CLIENT_ID{suffix} and {DataverseVariablePrefix}CLIENT_SECRET{suffix} "
                    + $"(with the tenant of {DataverseVariablePrefix}TENANT_ID), or {DataverseVariablePrefix}TOKEN{suffix}.");
            }
            options.ApplicationUsers.Add(new MsalDataverseTokenProvider(url, tenant, client.Trim(), TokenLike(secret, $"{DataverseVariablePrefix}CLIENT_SECRET{suffix}"), null));
        }
    }
}
