using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.HubSpot;
using JourneyKit.Model;
using JourneyKit.Testing.HubSpot;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Benchmarks;

/// <summary>
/// HubSpot connector against the emulator on loopback: requests and time to read a segment of 10,000 contacts and to
/// push a persona onto them, and wall time under a rate limit shrunk to 100 requests per second.
/// Run: <c>dotnet run -c Release --project bench/JourneyKit.Benchmarks -- --filter '*HubSpotBenchmarks*' --job short</c>.
/// Each benchmark prints its request counts beside the theoretical minimum.
/// </summary>
[MemoryDiagnoser]
public class HubSpotBenchmarks
{
    private const int N = 10_000;
    private const string ListId = "9000";
    private HubSpotEmulator _free = null!;
    private HubSpotEmulator _limited = null!;
    private HubSpotConnector _freeConnector = null!;
    private HubSpotConnector _limitedConnector = null!;
    private string[] _ids = [];
    private readonly Persona _persona = new()
    {
        Id = new PersonaId("lucy"),
        Name = "Lucy, marketing director",
        Objections = [new Objection { Id = new ObjectionId("price"), Text = "Too expensive for our budget", Category = ObjectionCategory.Price, Count = 10, SuggestedAnswer = "Reframe on value." }],
    };

    /// <summary>The limited emulator's window: 100 requests per second instead of per 10 s, to keep the run short.</summary>
    public static readonly TimeSpan ShrunkWindow = TimeSpan.FromSeconds(1);

    /// <summary>Starts two emulators (no limit; 100 per second) with a list of exactly 10,000 contacts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var crm = SampleCrm.Generate(SampleCrm.DefaultSeed, N);
        _ids = crm.Contacts.Select(c => c.Id).ToArray();
        var all = new SampleSegment(ListId, Guid.Empty, "All contacts", false, _ids, null);
        _free = HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = crm, AdditionalSegments = [all], EnforceRateLimits = false }).GetAwaiter().GetResult();
        _limited = HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { Sample = crm, AdditionalSegments = [all], RequestsPerWindow = 100, RateLimitWindow = ShrunkWindow, DailyLimit = null })
            .GetAwaiter().GetResult();
        _freeConnector = new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions { BaseUri = _free.BaseUri, AccessToken = _free.AccessToken, RequestsPerWindow = 1_000_000 }));
        _limitedConnector = new HubSpotConnector(new HubSpotClient(new HubSpotClientOptions
        {
            BaseUri = _limited.BaseUri,
            AccessToken = _limited.AccessToken,
            RequestsPerWindow = 100,
            RateLimitWindow = ShrunkWindow,
        }));
        _freeConnector.EnsurePushSchemaAsync().GetAwaiter().GetResult();
    }

    /// <summary>Stops the emulators.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _free.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _limited.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Reads the 10,000 members with their demographics (no rate limit).</summary>
    /// <returns>The number of contacts read.</returns>
    [Benchmark]
    public async Task<int> ReadSegment10k()
    {
        _free.ResetCounters();
        int count = 0;
        await foreach (var _ in _freeConnector.GetSegmentMembersAsync(ListId)) count++;
        long minimum = Ceil(N, 250) + Ceil(N, 100) + 1;
        Console.WriteLine($"// HubSpot read: {count} contacts, {_free.TotalRequests} requests, minimum {minimum}");
        return count;
    }

    /// <summary>Writes a persona onto the 10,000 contacts in batches of 100 (no rate limit).</summary>
    /// <returns>The number of requests sent.</returns>
    [Benchmark]
    public async Task<int> Push10k()
    {
        _free.ResetCounters();
        int requests = 0;
        foreach (var batch in _ids.Chunk(100)) requests += await _freeConnector.AssignPersonasAsync(batch.Select(id => new PersonaAssignment(id, _persona)).ToArray());
        Console.WriteLine($"// HubSpot push: {N} contacts, {_free.TotalRequests} requests, minimum {Ceil(N, 100)}");
        return requests;
    }

    /// <summary>Lets the previous run's window drain, so each run starts with a full budget as the bound assumes.</summary>
    [IterationSetup(Target = nameof(ReadSegment10kRateLimited))]
    public void DrainWindow()
    {
        Thread.Sleep(ShrunkWindow + TimeSpan.FromMilliseconds(50));
        _limited.ResetCounters();
    }

    /// <summary>Reads the 10,000 members under 100 requests per second; prints wall time beside the bound the limit sets.</summary>
    /// <returns>The number of contacts read.</returns>
    [Benchmark]
    public async Task<int> ReadSegment10kRateLimited()
    {
        var watch = Stopwatch.StartNew();
        int count = 0;
        await foreach (var _ in _limitedConnector.GetSegmentMembersAsync(ListId)) count++;
        watch.Stop();
        long requests = _limited.TotalRequests;
        // The (requests - 1) / 100 full windows that must pass before the last request may go.
        var bound = TimeSpan.FromTicks(ShrunkWindow.Ticks * ((requests - 1) / 100));
        Console.WriteLine($"// HubSpot rate-limited read: {requests} requests in {watch.Elapsed.TotalSeconds:F3} s; bound {bound.TotalSeconds:F3} s "
            + $"({(watch.Elapsed.TotalSeconds / bound.TotalSeconds - 1) * 100:F1} % over); 429 sent {_limited.ThrottledRequests}");
        return count;
    }

    private static int Ceil(int n, int d) => (n + d - 1) / d;
}
