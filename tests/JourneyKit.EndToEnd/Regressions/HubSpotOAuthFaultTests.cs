using JourneyKit.Connectors.HubSpot;
using JourneyKit.Testing.Emulation;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.EndToEnd.Regressions;

/// <summary>
/// Found by the chaos suite with OAuth sign-in: a fault on HubSpot's token endpoint escaped as a bare
/// <see cref="HttpRequestException"/> (dropped connection), and a 5xx or 429 there was blamed on the credentials.
/// </summary>
[TestClass]
public sealed class HubSpotOAuthFaultTests
{
    private const string TokenEndpoint = "POST /oauth/v1/token";

    private static readonly Lazy<SampleCrm> Small = new(() => SampleCrm.Generate(3, 100));

    private static HubSpotConnector Connector(HubSpotEmulator hs, string refreshToken = "emulator-refresh-token") =>
        new(new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = hs.BaseUri, OAuthClientId = "emulator-client", OAuthClientSecret = "emulator-secret", OAuthRefreshToken = refreshToken, Retry = { MaxRetries = 0 },
        }));

    [TestMethod]
    public async Task GetSegment_ConnectionDroppedOnTokenRefresh_TransientHubSpotExceptionThenWorks()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
        {
            Sample = Small.Value, 
        });
        hs.Faults.OnEndpoint(TokenEndpoint, 1, EmulatorFault.DropConnection());
        var connector = Connector(hs);

        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => connector.GetSegmentAsync("11"));
        Assert.IsTrue(e.IsTransient, e.Message);
        StringAssert.Contains(e.Message, TokenEndpoint);
        Assert.DoesNotContain("emulator-secret", e.Message);
        Assert.AreEqual("11", (await connector.GetSegmentAsync("11")).Id, "the next call signs in");
    }

    [TestMethod]
    [DataRow(503)]
    [DataRow(502)]
    public async Task GetSegment_ServerErrorOnTokenRefresh_TransientNotBlamedOnCredentials(int status)
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
        {
            Sample = Small.Value, 
        });
        hs.Faults.OnEndpoint(TokenEndpoint, 1, EmulatorFault.ServerError(status));
        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => Connector(hs).GetSegmentAsync("11"));
        Assert.IsTrue(e.IsTransient, e.Message);
        Assert.AreEqual(status, e.StatusCode);
        Assert.DoesNotContain("Check the client id", e.Message);
    }

    [TestMethod]
    public async Task GetSegment_RateLimitedOnTokenRefresh_TransientNotBlamedOnCredentials()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions
        {
            Sample = Small.Value, 
        });
        hs.Faults.OnEndpoint(TokenEndpoint, 1, EmulatorFault.RateLimit("TEN_SECONDLY_ROLLING"));
        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => Connector(hs).GetSegmentAsync("11"));
        Assert.IsTrue(e.IsTransient, e.Message);
        Assert.AreEqual(429, e.StatusCode);
        Assert.DoesNotContain("Check the client id", e.Message);
    }

    [TestMethod]
    public async Task GetSegment_BadRefreshToken_StillNamesTheCredentials()
    {
        await using var hs = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = Small.Value });
        var e = await Assert.ThrowsExactlyAsync<HubSpotException>(() => Connector(hs, "wrong-refresh-token").GetSegmentAsync("11"));
        Assert.IsFalse(e.IsTransient, e.Message);
        StringAssert.Contains(e.Message, "Check the client id");
        Assert.DoesNotContain("wrong-refresh-token", e.Message);
    }
}
