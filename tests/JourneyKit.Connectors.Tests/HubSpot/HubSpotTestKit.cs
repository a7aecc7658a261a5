using JourneyKit.Connectors.HubSpot;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Connectors.Tests.HubSpot;

/// <summary>Shared set-up for the HubSpot tests: one small sample CRM, emulators on loopback, clients pointed at them.</summary>
internal static class HubSpotTestKit
{
    public const string MembershipsEndpoint = "GET /crm/v3/lists/{listId}/memberships";
    public const string ListEndpoint = "GET /crm/v3/lists/{listId}";
    public const string ContactsBatchRead = "POST /crm/v3/objects/contacts/batch/read";
    public const string ContactsBatchUpdate = "POST /crm/v3/objects/contacts/batch/update";
    public const string ContactPropertiesEndpoint = "GET /crm/v3/properties/contacts";
    public const string ContactsSearch = "POST /crm/v3/objects/contacts/search";

    private static readonly Lazy<SampleCrm> LazySample = new(() => SampleCrm.Generate(SampleCrm.DefaultSeed, 1500));

    /// <summary>1,500 contacts: segment 11 has several hundred members, enough for several pages and batches.</summary>
    public static SampleCrm Sample => LazySample.Value;

    public static Task<HubSpotEmulator> StartAsync(Func<HubSpotEmulatorOptions, HubSpotEmulatorOptions>? configure = null)
    {
        var options = new HubSpotEmulatorOptions { Sample = Sample };
        return HubSpotEmulator.StartAsync(configure is null ? options : configure(options));
    }

    public static HubSpotClient Client(HubSpotEmulator hs, Action<HubSpotClientOptions>? configure = null, ILogger<HubSpotClient>? logger = null)
    {
        var options = new HubSpotClientOptions
        {
            BaseUri = hs.BaseUri,
            AccessToken = hs.AccessToken,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        };
        configure?.Invoke(options);
        return new HubSpotClient(options, null, logger);
    }

    public static int Ceil(int n, int d) => (n + d - 1) / d;

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false)) list.Add(item);
        return list;
    }
}

/// <summary>A logger that keeps every formatted message, to prove secrets never reach a log.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages) Messages.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}
