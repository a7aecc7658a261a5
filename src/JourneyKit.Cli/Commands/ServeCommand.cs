using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JourneyKit.Cli.Crm;
using JourneyKit.Connectors.Dataverse.Schema;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Personas;
using JourneyKit.Dynamics.Webhooks;
using JourneyKit.Serialization;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Cli.Commands;

/// <summary>
/// <c>journeykit serve</c>: hosts the Dataverse contact webhook that sets each new or changed contact's persona, over
/// HTTP behind a proxy or HTTPS with its own certificate, until Ctrl+C or SIGTERM (deliveries in progress finish).
/// </summary>
internal static class ServeCommand
{
    public const string WebhookKeyVariable = "JOURNEYKIT_WEBHOOK_KEY";

    public const string CertificatePasswordVariable = "JOURNEYKIT_CERTIFICATE_PASSWORD";

    public static Command Create(CliContext context)
    {
        var map = new Option<FileInfo>("--map") { Description = "The map whose personas (their demographics and bound marketing lists) decide a contact's persona.", Required = true };
        var rules = new Option<FileInfo?>("--rules") { Description = "Explicit persona rules (JSON), tried before membership and demographics." };
        var address = new Option<string>("--address")
        {
            Description = "The IP address to listen on: 127.0.0.1 behind a reverse proxy on this machine, 0.0.0.0 (or ::) in a container or to take Dataverse's calls directly.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port") { Description = "The port to listen on. Dataverse calls only 443 (HTTPS) and 80: use 443 with --certificate, or a proxy that forwards to this port.", DefaultValueFactory = _ => 5080 };
        var certificate = new Option<FileInfo?>("--certificate")
        {
            Description = $"Serve HTTPS with this certificate: a .pfx/.p12 (password in env {CertificatePasswordVariable}) or a PEM file (key in it or in --certificate-key).",
        };
        var certificateKey = new Option<FileInfo?>("--certificate-key") { Description = $"The PEM private key of a PEM --certificate (encrypted keys: password in env {CertificatePasswordVariable})." };
        var key = new Option<string?>("--webhook-key") { Description = $"The key Dataverse sends (or env {WebhookKeyVariable}; prefer the variable). Make one with 'journeykit dynamics webhook-key'." };
        var auth = new Option<string>("--auth")
        {
            Description = "How Dataverse sends the key (the service endpoint's authtype): webhookkey (?code=), httpheader, httpquerystring.",
            DefaultValueFactory = _ => "webhookkey",
        };
        auth.AcceptOnlyFromAmong("webhookkey", "httpheader", "httpquerystring");
        var authName = new Option<string?>("--auth-name") { Description = "The header (httpheader, default x-journeykit-key) or query parameter (httpquerystring, default jk-key) holding the key." };
        var ignoreUser = new Option<string[]>("--ignore-user")
        {
            Description = "The id (GUID) of a Dataverse user whose changes are ignored, e.g. JourneyKit's application user; repeat for several.",
            AllowMultipleArgumentsPerToken = true,
        };
        var logFormat = new Option<string>("--log-format") { Description = "One line per delivery on standard output: text, or json lines for a log collector.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var crm = new CrmOptions();
        var command = new Command("serve", $"Host the webhook Dataverse calls on contact Create/Update: decides the contact's persona from the map and sets contact.{JourneyKitSchema.LookupName}. Runs until Ctrl+C or SIGTERM; deliveries in progress finish first.")
        {
            map, rules, address, port, certificate, certificateKey, key, auth, authName, ignoreUser, logFormat,
        };
        crm.AddDataverseTo(command);
        port.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && (!int.TryParse(r.Tokens[0].Value, out var p) || p is < 0 or > 65535)) r.AddError("--port must be between 0 and 65535.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var webhookKey = parse.GetValue(key) ?? context.Environment(WebhookKeyVariable);
            if (string.IsNullOrWhiteSpace(webhookKey) || webhookKey.Trim().Length < 16)
                throw new CliInputException($"A webhook key of at least 16 characters is needed: pass --webhook-key or set {WebhookKeyVariable} (the same key as in 'journeykit dynamics install --webhook-key'; 'journeykit dynamics webhook-key' makes one).");
            var listenOn = ParseAddress(parse.GetValue(address)!);
            var ignored = parse.GetValue(ignoreUser)?.Select(ParseUser).ToList() ?? [];
            var handlerOptions = HandlerOptions(webhookKey.Trim(), parse.GetValue(auth)!, parse.GetValue(authName), ignored);
            using var cert = parse.GetValue(certificate) is { } certFile
                ? LoadCertificate(certFile, parse.GetValue(certificateKey), context.Environment(CertificatePasswordVariable))
                : null;
            if (cert is null && parse.GetValue(certificateKey) is not null) throw new CliInputException("--certificate-key needs --certificate (the PEM certificate it belongs to).");

            var journeyMap = await JourneyMapJson.LoadAsync(parse.GetRequiredValue(map).FullName, ct).ConfigureAwait(false);
            var explicitRules = parse.GetValue(rules) is { } rulesFile ? await PersonaRuleSet.LoadRulesAsync(rulesFile.FullName, ct).ConfigureAwait(false) : null;
            var ruleSet = PersonaRuleSet.FromMap(journeyMap, explicitRules);

            using var logs = new ServeLog(context.Output, context.Time, json: parse.GetValue(logFormat) == "json");
            using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
            var client = crm.CreateDataverseClient(parse, context, loggers.CreateLogger("JourneyKit.Dataverse"));
            var connector = new DataverseConnector(client);
            var boundLists = ruleSet.Profiles.SelectMany(p => p.SegmentIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var handler = new ContactEventHandler(new PersonaRules(ruleSet), new DataverseContactPersonaWriter(client), handlerOptions, context.Time,
                loggers.CreateLogger<ContactEventHandler>(), new DataverseAccountSizeReader(client),
                boundLists.Count > 0 ? new DataverseContactSegmentReader(connector, boundLists) : null);

            // SIGTERM (docker stop, systemd, Kubernetes) stops like Ctrl+C: no new connections, deliveries in progress finish.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                context.Output.WriteLine("Stopping (SIGTERM): no new connections; deliveries in progress finish first.");
                stop.Cancel();
            });
            JourneyKitWebhookServer started;
            try
            {
                started = await JourneyKitWebhookServer.StartAsync(handler, new JourneyKitWebhookServerOptions
                {
                    Address = listenOn, Port = parse.GetValue(port), Certificate = cert,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
            {
                throw new CliInputException($"--address {listenOn} --port {parse.GetValue(port)}: cannot listen there ({ex.Message.TrimEnd('.')}). Is the port in use, or below 1024 without the right to bind it?");
            }
            await using var server = started;
            if (cert is null && !IPAddress.IsLoopback(listenOn))
                context.Error.WriteLine($"warning: plain HTTP on {listenOn}: the webhook key crosses the network unencrypted unless an HTTPS proxy or ingress is in front. Use --certificate to serve HTTPS.");
            string membership = boundLists.Count > 0 ? $", membership of {boundLists.Count} bound marketing list(s)" : "";
            context.Output.WriteLine($"Listening on {server.WebhookUri} for {ruleSet.Profiles.Count} personas{membership} (health: {new Uri(server.BaseAddress, "/health")}; auth {handlerOptions.AuthKind}). Ctrl+C or SIGTERM stops.");
            await server.WaitForShutdownAsync(stop.Token).ConfigureAwait(false);
            context.Output.WriteLine("Stopped.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ContactEventHandlerOptions HandlerOptions(string webhookKey, string auth, string? name, IReadOnlyCollection<Guid> ignored)
    {
        var kind = auth switch
        {
            "httpheader" => WebhookAuthKind.HttpHeader,
            "httpquerystring" => WebhookAuthKind.HttpQueryString,
            _ => WebhookAuthKind.WebhookKey,
        };
        if (name is not null && kind == WebhookAuthKind.WebhookKey) throw new CliInputException("--auth-name needs --auth httpheader or httpquerystring (with webhookkey Dataverse always sends ?code=).");
        if (name is not null && (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            throw new CliInputException($"--auth-name '{name}' is not a header or parameter name (letters, digits, '-', '_', '.').");
        var defaults = new ContactEventHandlerOptions { WebhookKey = webhookKey };
        return new ContactEventHandlerOptions
        {
            WebhookKey = webhookKey, AuthKind = kind, IgnoredUserIds = ignored,
            HeaderName = kind == WebhookAuthKind.HttpHeader && name is not null ? name : defaults.HeaderName,
            QueryParameterName = kind == WebhookAuthKind.HttpQueryString && name is not null ? name : defaults.QueryParameterName,
        };
    }

    private static IPAddress ParseAddress(string text) => text.Trim() switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "0.0.0.0" => IPAddress.Any,
        "::" or "[::]" => IPAddress.IPv6Any,
        var other when IPAddress.TryParse(other.Trim('[', ']'), out var ip) => ip,
        var other => throw new CliInputException($"--address '{other}' is not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::)."),
    };

    private static Guid ParseUser(string text) => Guid.TryParse(text.Trim('{', '}', ' '), out var id)
        ? id
        : throw new CliInputException($"--ignore-user '{text}' is not a user id (a GUID, the systemuserid of the application user).");

    /// <summary>Loads the HTTPS certificate; the password only ever comes from the environment, never the command line.</summary>
    internal static X509Certificate2 LoadCertificate(FileInfo file, FileInfo? keyFile, string? password)
    {
        if (!file.Exists) throw new CliInputException($"--certificate: {file.FullName} does not exist.");
        if (keyFile is { Exists: false }) throw new CliInputException($"--certificate-key: {keyFile.FullName} does not exist.");
        X509Certificate2 certificate;
        bool pkcs12 = file.Extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || file.Extension.Equals(".p12", StringComparison.OrdinalIgnoreCase);
        try
        {
            certificate = pkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(file.FullName, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(file.FullName, keyFile?.FullName)
                    : X509Certificate2.CreateFromEncryptedPemFile(file.FullName, password, keyFile?.FullName);
        }
        catch (CryptographicException ex)
        {
            string hint = pkcs12
                ? $"is its password in {CertificatePasswordVariable}?"
                : $"a PEM certificate needs its private key in the file or in --certificate-key (an encrypted key needs {CertificatePasswordVariable})";
            throw new CliInputException($"--certificate {file.FullName} could not be read ({ex.Message.TrimEnd('.')}): {hint}");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CliInputException($"--certificate {file.FullName} has no private key: HTTPS needs it (a .pfx with the key, or the PEM key in --certificate-key).");
        }
        return certificate;
    }
}
