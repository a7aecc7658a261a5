using System.CommandLine;
using JourneyKit.Connectors;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;

namespace JourneyKit.Cli.Crm;

/// <summary>
/// The options that say how to reach each CRM, shared by populate, push and the install commands.
/// Secrets may come from the environment so they stay out of shell history; they are never printed.
/// </summary>
internal sealed class CrmOptions
{
    public const string HubSpotTokenVariable = "JOURNEYKIT_HUBSPOT_TOKEN";

    public Option<string?> HubSpotToken { get; } = new("--hubspot-token") { Description = $"HubSpot private-app or OAuth access token (or env {HubSpotTokenVariable})." };

    public Option<Uri?> HubSpotBaseUrl { get; } = UrlOption("--hubspot-base-url", "HubSpot API base URL (default https://api.hubapi.com; an emulator's URL in tests).");

    public Option<string> State { get; } = new("--state") { Description = "The local state database (checkpoints, map history).", DefaultValueFactory = _ => Connectors.Sync.SyncStateStore.DefaultPath };

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
        command.Options.Add(State);
    }

    public static CrmKind ParseCrm(string value) => value.ToLowerInvariant() switch
    {
        "hubspot" => CrmKind.HubSpot,
        "dataverse" or "dynamics" => CrmKind.Dataverse,
        _ => throw new CliInputException($"Unknown CRM '{value}'; use hubspot or dataverse."),
    };

    /// <summary>The connector for a CRM, from the command line or the environment.</summary>
    public ICrmConnector CreateConnector(CrmKind crm, ParseResult parse, CliContext context) => crm switch
    {
        CrmKind.HubSpot => CreateHubSpot(parse, context),
        _ => throw new CliInputException($"{crm} is not supported by this command yet."),
    };

    public HubSpotConnector CreateHubSpot(ParseResult parse, CliContext context)
    {
        var token = parse.GetValue(HubSpotToken) ?? context.Environment(HubSpotTokenVariable);
        if (string.IsNullOrWhiteSpace(token))
            throw new CliInputException($"No HubSpot token: pass --hubspot-token or set {HubSpotTokenVariable} (a private app token with the crm.lists.read, crm.objects.contacts.read/write, crm.objects.deals.read and crm.schemas.contacts.write scopes).");
        var options = new HubSpotClientOptions { AccessToken = token.Trim(), TimeProvider = context.Time };
        if (parse.GetValue(HubSpotBaseUrl) is { } baseUrl) options.BaseUri = baseUrl;
        return new HubSpotConnector(new HubSpotClient(options));
    }
}
