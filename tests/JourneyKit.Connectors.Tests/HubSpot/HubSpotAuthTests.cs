using JourneyKit.Connectors.HubSpot;
using JourneyKit.Testing.HubSpot;
using Microsoft.Extensions.Time.Testing;
using static JourneyKit.Connectors.Tests.HubSpot.HubSpotTestKit;

namespace JourneyKit.Connectors.Tests.HubSpot;

[TestClass]
public sealed class HubSpotAuthTests
{
    [TestMethod]
    public async Task GetSegmentAsync_BadToken_Throws401WithoutTheTokenInMessageOrLog()
    {
        await using var hs = await StartAsync();
        const string token = "pat-fake-00000000-dead-beef-0000-secret000001";
        var logger = new CapturingLogger<HubSpotClient>();
        var connector = new HubSpotConnector(Client(hs, o => o.AccessToken = token, logger));

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.GetSegmentAsync("11"));

        Assert.AreEqual(401, e.StatusCode);
        Assert.AreEqual("INVALID_AUTHENTICATION", e.Category);
        Assert.IsFalse(e.IsTransient);
        Assert.DoesNotContain(token, e.ToString());
        Assert.IsNotEmpty(logger.Messages, "requests are logged");
        Assert.IsTrue(logger.Messages.TrueForAll(m => !m.Contains(token, StringComparison.Ordinal)));
        Assert.AreEqual(1, hs.TotalRequests, "a static token is not retried");
    }

    [TestMethod]
    public async Task SetAccessToken_OldTokenRefusedWith401_NewOneAccepted()
    {
        await using var hs = await StartAsync();
        var before = new HubSpotConnector(Client(hs));
        await before.GetSegmentAsync("11");

        hs.SetAccessToken("pat-emulator-rotated");

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => before.GetSegmentAsync("11"));
        Assert.AreEqual(401, e.StatusCode);
        Assert.AreEqual("pat-emulator-rotated", hs.AccessToken);
        await new HubSpotConnector(Client(hs)).GetSegmentAsync("11");
        Assert.AreEqual(3, hs.TotalRequests);
    }

    [TestMethod]
    public async Task GetSegmentAsync_ExpiredToken_Throws401ExpiredWithoutTheToken()
    {
        const string expired = "pat-fake-expired-token-7777";
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, ExpiredTokens = [expired] });
        var connector = new HubSpotConnector(Client(hs, o => o.AccessToken = expired));

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.GetSegmentAsync("11"));

        Assert.AreEqual(401, e.StatusCode);
        Assert.AreEqual("EXPIRED_AUTHENTICATION", e.Category);
        Assert.DoesNotContain(expired, e.Message);
        Assert.Contains("GET /crm/v3/lists/11", e.Message);
    }

    [TestMethod]
    public async Task OAuth_TokenExpiresAfter30Minutes_RefreshedAtTheTokenEndpoint()
    {
        var time = new FakeTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = time });
        var client = new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = hs.BaseUri,
            OAuthClientId = "emulator-client",
            OAuthClientSecret = "emulator-secret",
            OAuthRefreshToken = "emulator-refresh-token",
            TimeProvider = time,
        });

        await client.Lists.GetAsync("11");
        await client.Lists.GetAsync("12");
        Assert.AreEqual(1, hs.RequestCount("POST /oauth/v1/token"), "the token is cached");

        time.Advance(TimeSpan.FromMinutes(31));
        var list = await client.Lists.GetAsync("13");

        Assert.AreEqual("13", list.ListId);
        Assert.AreEqual(2, hs.RequestCount("POST /oauth/v1/token"));
        Assert.AreEqual(0, hs.RequestCount(ListEndpoint) - 3, "no request was refused");
    }

    [TestMethod]
    public async Task OAuth_ServerSaysExpired_RefreshesOnceAndRetries()
    {
        var serverTime = new FakeTimeProvider();
        await using var hs = await StartAsync(o => new HubSpotEmulatorOptions { Sample = o.Sample, TimeProvider = serverTime });
        // The client's clock lags: it still trusts its token when the server has expired it.
        var client = new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = hs.BaseUri,
            OAuthClientId = "emulator-client",
            OAuthClientSecret = "emulator-secret",
            OAuthRefreshToken = "emulator-refresh-token",
            TimeProvider = new FakeTimeProvider(),
        });
        await client.Lists.GetAsync("11");
        serverTime.Advance(TimeSpan.FromMinutes(31));

        var list = await client.Lists.GetAsync("12");

        Assert.AreEqual("12", list.ListId);
        Assert.AreEqual(2, hs.RequestCount("POST /oauth/v1/token"));
        Assert.AreEqual(3, hs.RequestCount(ListEndpoint), "one refused, then retried with the new token");
    }

    [TestMethod]
    public async Task OAuth_BadRefreshToken_ThrowsWithoutSecrets()
    {
        await using var hs = await StartAsync();
        var client = new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = hs.BaseUri,
            OAuthClientId = "emulator-client",
            OAuthClientSecret = "emulator-secret",
            OAuthRefreshToken = "wrong-refresh-token-123",
        });

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => client.Lists.GetAsync("11"));

        Assert.AreEqual(400, e.StatusCode);
        Assert.Contains("/oauth/v1/token", e.Message);
        Assert.DoesNotContain("wrong-refresh-token-123", e.Message);
        Assert.DoesNotContain("emulator-secret", e.Message);
    }

    [TestMethod]
    public void Constructor_NoCredentials_ThrowsArgumentException()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new HubSpotClient(new HubSpotClientOptions()));

        Assert.Contains("AccessToken", e.Message);
    }
}
