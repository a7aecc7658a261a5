using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
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
}
