namespace JourneyKit.Connectors.Dataverse;

/// <summary>A token provider that always returns one ready token (for tests, emulators and short scripts).</summary>
/// <param name="token">The bearer token.</param>
public sealed class StaticDataverseTokenProvider(string token) : IDataverseTokenProvider
{
    private readonly string _token = string.IsNullOrEmpty(token) ? throw new ArgumentException("The token is empty.", nameof(token)) : token;

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken = default) => ValueTask.FromResult(_token);

    /// <inheritdoc />
    public override string ToString() => "StaticDataverseTokenProvider(***)";
}
