using Azure.Core;
using Azure.Identity;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Testing.Dataverse;
using Microsoft.Extensions.Time.Testing;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class TokenCredentialSignInTests
{
    [TestMethod]
    public async Task RetrieveAsync_WithCredential_AsksForEnvironmentDefaultScopeOnceAndSignsIn()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var credential = new FakeCredential(dv.AccessToken, TimeSpan.FromHours(1));
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, Credential = credential });

        var row = await client.RetrieveAsync($"lists({dv.Sample.Segments[0].Guid})?$select=listname");
        await client.RetrieveAsync($"lists({dv.Sample.Segments[1].Guid})?$select=listname");

        Assert.AreEqual(dv.Sample.Segments[0].Name, (string?)row["listname"]);
        CollectionAssert.AreEqual(new[] { dv.BaseUri.GetLeftPart(UriPartial.Authority) + "/.default" }, credential.Scopes.Single());
        Assert.AreEqual(1, credential.Calls, "the token is kept until shortly before it expires");
        Assert.AreEqual(2, dv.TotalRequests);
    }

    [TestMethod]
    public async Task RetrieveAsync_TokenNearExpiry_AsksTheCredentialAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var dv = await DataverseTestHost.StartAsync();
        var credential = new FakeCredential(dv.AccessToken, TimeSpan.FromMinutes(30), time);
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, Credential = credential, TimeProvider = time });

        await client.RetrieveAsync("lists?$top=1");
        time.Advance(TimeSpan.FromMinutes(24));
        await client.RetrieveAsync("lists?$top=1");
        Assert.AreEqual(1, credential.Calls);
        time.Advance(TimeSpan.FromMinutes(2));
        await client.RetrieveAsync("lists?$top=1");

        Assert.AreEqual(2, credential.Calls, "renewed five minutes before expiry");
    }

    [TestMethod]
    public async Task RetrieveAsync_CredentialTokenRefused_AsksAgainOnceAndRetries()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var credential = new FakeCredential("stale-token", TimeSpan.FromHours(1)) { Next = dv.AccessToken };
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, Credential = credential });

        await client.RetrieveAsync("lists?$top=1");

        Assert.AreEqual(2, credential.Calls);
        CollectionAssert.AreEqual(new[] { 401, 200 }, dv.Requests.Select(r => r.StatusCode).ToArray());
    }

    [TestMethod]
    public async Task RetrieveAsync_CredentialFails_DataverseExceptionNamingTheScope()
    {
        await using var dv = await DataverseTestHost.StartAsync();
        var credential = new FakeCredential("unused", TimeSpan.FromHours(1)) { Failure = new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.") };
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, Credential = credential });

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => client.RetrieveAsync("lists?$top=1"));

        StringAssert.Contains(ex.Message, "/.default");
        StringAssert.Contains(ex.Message, "AADSTS7000215");
        Assert.AreEqual(0, dv.TotalRequests);
    }

    private sealed class FakeCredential(string token, TimeSpan lifetime, TimeProvider? time = null) : TokenCredential
    {
        private string _token = token;

        public int Calls { get; private set; }

        public List<string[]> Scopes { get; } = [];

        public string? Next { get; init; }

        public Exception? Failure { get; init; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (Failure is not null) throw Failure;
            if (Calls++ > 0 && Next is not null) _token = Next;
            if (!Scopes.Any(s => s.SequenceEqual(requestContext.Scopes))) Scopes.Add(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken(_token, (time ?? TimeProvider.System).GetUtcNow() + lifetime));
        }
    }
}
