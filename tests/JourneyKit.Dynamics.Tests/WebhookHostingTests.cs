using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using JourneyKit.Dynamics.Webhooks;

namespace JourneyKit.Dynamics.Tests;

/// <summary>The server as an admin hosts it: HTTPS with its own certificate, a stop that lets deliveries finish.</summary>
[TestClass]
public sealed class WebhookHostingTests
{
    internal static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    internal static HttpClient TrustingOnly(X509Certificate2 certificate) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        },
    }) { Timeout = TimeSpan.FromSeconds(30) };

    [TestMethod]
    public async Task StartAsync_WithCertificate_ServesTheWebhookOverHttps()
    {
        using var certificate = SelfSigned();
        var writer = new FakePersonaWriter();
        await using var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(writer),
            new JourneyKitWebhookServerOptions { Certificate = certificate });
        using var http = TrustingOnly(certificate);

        using var response = await http.PostAsync(new Uri(server.WebhookUri + "?code=" + ContactEventHandlerTests.Key),
            new StringContent(TestFiles.Read("contact-create.json"), Encoding.UTF8, "application/json"));
        string health = await http.GetStringAsync(new Uri(server.BaseAddress, "health"));

        Assert.AreEqual("https", server.BaseAddress.Scheme);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("ok", health);
        Assert.AreEqual(1, writer.Writes.Count);
    }

    [TestMethod]
    public async Task StopAsync_DeliveryInProgress_FinishesItThenRefusesNewConnections()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new FakePersonaWriter
        {
            Behaviour = async _ =>
            {
                entered.TrySetResult();
                await release.Task;
            },
        };
        var server = await JourneyKitWebhookServer.StartAsync(ContactEventHandlerTests.CreateHandler(writer));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var delivery = http.PostAsync(new Uri(server.WebhookUri + "?code=" + ContactEventHandlerTests.Key),
            new StringContent(TestFiles.Read("contact-create.json"), Encoding.UTF8, "application/json"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = server.StopAsync();
        // The listener closes first: once a new connection is refused, the stop is under way with the delivery in flight.
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        probe.DefaultRequestHeaders.ConnectionClose = true; // a new connection each time: only the listener can refuse it
        bool refused = false;
        for (int i = 0; i < 500 && !refused; i++)
        {
            try { using var _ = await probe.GetAsync(new Uri(server.BaseAddress, "health")); await Task.Delay(10); }
            catch (HttpRequestException) { refused = true; }
        }
        Assert.IsTrue(refused, "the server kept accepting connections while stopping");
        Assert.IsFalse(stopping.IsCompleted, "the stop did not wait for the delivery in progress");
        release.SetResult();
        using var response = await delivery;
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await server.DisposeAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "the delivery in progress got its answer");
        Assert.AreEqual(1, writer.Writes.Count);
    }
}
