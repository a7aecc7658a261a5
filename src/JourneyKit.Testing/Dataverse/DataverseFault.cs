namespace JourneyKit.Testing.Dataverse;

/// <summary>A fault to inject: which requests it hits and what happens to them.</summary>
public sealed record DataverseFault
{
    /// <summary>What happens.</summary>
    public required DataverseFaultKind Kind { get; init; }

    /// <summary>Only requests with this HTTP method, or any when null.</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose decoded path and query contain this text, or any when null.</summary>
    public string? PathContains { get; init; }

    /// <summary>How many matching requests pass untouched before the fault strikes (e.g. 1 = the second page).</summary>
    /// <value>The default is 0.</value>
    public int Skip { get; init; }

    /// <summary>How many matching requests the fault strikes, after <see cref="Skip"/>.</summary>
    /// <value>The default is 1.</value>
    public int Times { get; init; } = 1;

    /// <summary>For <see cref="DataverseFaultKind.TooManyRequests"/>: the <c>Retry-After</c> in seconds.</summary>
    /// <value>The default is 1.5.</value>
    public double RetryAfterSeconds { get; init; } = 1.5;

    /// <summary>For <see cref="DataverseFaultKind.ServerError"/>: the status.</summary>
    /// <value>The default is 503.</value>
    public int StatusCode { get; init; } = 503;

    /// <summary>For <see cref="DataverseFaultKind.SlowResponse"/>: the delay.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(5);
}
