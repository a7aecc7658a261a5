using BenchmarkDotNet.Attributes;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Model;
using JourneyKit.Testing.Dataverse;
using JourneyKit.Testing.Sample;

namespace JourneyKit.Benchmarks;

/// <summary>
/// Dataverse against the emulator over loopback: reading a static list of 50,000 members with demographics
/// (minimum ⌈N/5000⌉ = 10 page requests), and pushing 10,000 persona assignments with changesets of 10, 100 and 1000.
/// Request counts are printed at the end of each run.
/// </summary>
[MemoryDiagnoser]
public class DataverseBenchmarks
{
    private const int Members = 50_000;
    private const int Writes = 10_000;

    private DataverseEmulator _dv = null!;
    private DataverseConnector _reader = null!;
    private Guid _listId;
    private List<string> _contactIds = null!;
    private readonly Persona _persona = new() { Id = "bench", Name = "Benchmark persona" };
    private readonly Dictionary<int, DataverseConnector> _writers = [];
    private int _operations;

    /// <summary>The changeset size of the push benchmark.</summary>
    [Params(10, 100, 1000)]
    public int BatchSize { get; set; }

    /// <summary>Starts the emulator with 50,000 contacts in one static list and the persona row in place.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var crm = SampleCrm.Generate(SampleCrm.DefaultSeed, Members);
        _dv = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Sample = crm });
        _listId = Guid.NewGuid();
        _dv.AddList(_listId, "All 50,000", null, crm.Contacts.Select(c => c.Guid));
        _contactIds = crm.Contacts.Take(Writes).Select(c => c.Guid.ToString("D")).ToList();
        _reader = new DataverseConnector(Client(100));
        foreach (var size in new[] { 10, 100, 1000 }) _writers[size] = new DataverseConnector(Client(size));
        await _reader.UpsertPersonaAsync(_persona);
        _dv.ResetCounters();
    }

    private DataverseClient Client(int batchSize) =>
        new(new DataverseClientOptions { EnvironmentUrl = _dv.BaseUri, AccessToken = _dv.AccessToken, BatchSize = batchSize });

    /// <summary>Reads the 50,000 members with their demographics.</summary>
    [Benchmark]
    public async Task<int> ReadStaticList50000()
    {
        Interlocked.Increment(ref _operations);
        int n = 0;
        await foreach (var _ in _reader.GetSegmentMembersAsync(_listId.ToString())) n++;
        return n;
    }

    /// <summary>Sets jk_personaid on 10,000 contacts, <see cref="BatchSize"/> per changeset, at the client's degree of parallelism.</summary>
    [Benchmark]
    public async Task<int> Push10000Assignments()
    {
        Interlocked.Increment(ref _operations);
        var connector = _writers[BatchSize];
        using var gate = new SemaphoreSlim(4);
        var tasks = _contactIds.Chunk(BatchSize).Select(async chunk =>
        {
            await gate.WaitAsync();
            try { return await connector.AssignPersonasAsync(chunk.Select(id => new PersonaAssignment(id, _persona)).ToArray()); }
            finally { gate.Release(); }
        });
        return (await Task.WhenAll(tasks)).Sum();
    }

    /// <summary>Prints the requests the run sent, to set beside the minimum.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var counts = _dv.RequestCounts;
        int ops = Math.Max(1, _operations);
        Console.WriteLine($"// DataverseBenchmarks BatchSize={BatchSize}, {ops} operations, requests per operation: "
            + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value / (double)ops:0.#}")));
        await _dv.DisposeAsync();
    }
}
