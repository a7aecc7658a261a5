using JourneyKit.Connectors.Http;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Connectors.Tests.Dataverse;

internal static class DataverseTestHost
{
    private static readonly Lazy<SampleCrm> Small = new(() => SampleCrm.Generate(7, 400));

    public static SampleCrm SmallCrm => Small.Value;

    public static Task<DataverseEmulator> StartAsync(TimeProvider? time = null, SampleCrm? crm = null, int? requestsPerWindow = null, bool tables = true) =>
        DataverseEmulator.StartAsync(new DataverseEmulatorOptions
        {
            Sample = crm ?? SmallCrm, TimeProvider = time ?? TimeProvider.System, RequestsPerWindow = requestsPerWindow, JourneyKitTablesInstalled = tables,
        });

    public static DataverseClient Client(DataverseEmulator dv, TimeProvider? time = null, int pageSize = 5000, int batchSize = 100, ICrmTokenProvider? tokens = null, int maxRetries = 6) =>
        new(new DataverseClientOptions
        {
            EnvironmentUrl = dv.BaseUri, AccessToken = tokens is null ? dv.AccessToken : null, TokenProvider = tokens,
            PageSize = pageSize, BatchSize = batchSize, TimeProvider = time ?? TimeProvider.System, Retry = { MaxRetries = maxRetries, MaxRateLimitRetries = maxRetries },
        });
}
