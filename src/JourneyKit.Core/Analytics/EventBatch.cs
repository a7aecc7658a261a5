using System.Text;

namespace JourneyKit.Analytics;

/// <summary>
/// Events read from a piece of a file and placed on the map, as columns of numbers (customer ids as
/// bytes, with their hash): what the analyzer's partitions consume, without an object per event.
/// Also what the piece held that is not an event: skipped events with their reasons, malformed records.
/// </summary>
internal sealed class EventBatch
{
    private const int MaxSkipReasons = 10;

    public int Count;
    public byte[] Ids = new byte[1 << 16];
    public int IdsUsed;
    public int[] IdStart = new int[1024];
    public int[] IdLength = new int[1024];
    public uint[] Hash = new uint[1024];
    public int[] Persona = new int[1024];
    public int[] Stage = new int[1024];
    public int[] Touchpoint = new int[1024];
    public long[] Ticks = new long[1024];
    public byte[] Satisfaction = new byte[1024];
    public long Skipped;
    public readonly List<string> SkipReasons = [];
    public readonly List<JourneyEventFormatException> Errors = [];

    /// <summary>Events in the batch, skipped ones included.</summary>
    public long Events => Count + Skipped;

    public void Clear()
    {
        Count = 0;
        IdsUsed = 0;
        Skipped = 0;
        SkipReasons.Clear();
        Errors.Clear();
    }

    public void Skip(string reason)
    {
        Skipped++;
        if (SkipReasons.Count < MaxSkipReasons) SkipReasons.Add(reason);
    }

    public void Add(ReadOnlySpan<byte> id, int persona, int stage, int touchpoint, long ticks, int satisfaction)
    {
        int i = Count;
        if (i == IdStart.Length) Grow();
        if (IdsUsed + id.Length > Ids.Length) Array.Resize(ref Ids, Math.Max(Ids.Length * 2, IdsUsed + id.Length));
        id.CopyTo(Ids.AsSpan(IdsUsed));
        IdStart[i] = IdsUsed;
        IdLength[i] = id.Length;
        IdsUsed += id.Length;
        Hash[i] = AnalyzerShard.Hash(id);
        Persona[i] = persona;
        Stage[i] = stage;
        Touchpoint[i] = touchpoint;
        Ticks[i] = ticks;
        Satisfaction[i] = (byte)satisfaction;
        Count = i + 1;
    }

    private void Grow()
    {
        int n = IdStart.Length * 2;
        Array.Resize(ref IdStart, n);
        Array.Resize(ref IdLength, n);
        Array.Resize(ref Hash, n);
        Array.Resize(ref Persona, n);
        Array.Resize(ref Stage, n);
        Array.Resize(ref Touchpoint, n);
        Array.Resize(ref Ticks, n);
        Array.Resize(ref Satisfaction, n);
    }
}

/// <summary>
/// Places events on the map as they are read (ids looked up as bytes, each text decoded once per
/// reader) and adds them to a batch; one per reading thread.
/// </summary>
internal sealed class EventBatchBuilder : IEventSink<byte>
{
    private readonly JourneyAnalyzer _analyzer;
    private readonly ByteKeyTable _stages = new();
    private readonly ByteKeyTable _touchpoints = new();
    private readonly ByteKeyTable _personas = new();
    private readonly string _source;
    private readonly string _unit;

    /// <param name="analyzer">The analyzer whose map places the events.</param>
    /// <param name="source">The file's name, for skip reasons.</param>
    /// <param name="unit">"line" or "row", for skip reasons.</param>
    public EventBatchBuilder(JourneyAnalyzer analyzer, string source, string unit)
    {
        _analyzer = analyzer;
        _source = source;
        _unit = unit;
        foreach (var (id, index) in analyzer.StageIndex) Put(_stages, id, index);
        foreach (var (id, index) in analyzer.TouchpointIndex) Put(_touchpoints, id, index);
    }

    public EventBatch Batch { get; set; } = new();

    public void Event(ReadOnlySpan<byte> customer, ReadOnlySpan<byte> persona, ReadOnlySpan<byte> stage, ReadOnlySpan<byte> touchpoint, long utcTicks, int offsetMinutes, int satisfaction, long line)
    {
        var batch = Batch;
        if (customer.Length > CustomerTable.MaxIdLength)
        {
            batch.Skip($"{_source}, {_unit} {line}: a customer id of {customer.Length:N0} bytes (at most {CustomerTable.MaxIdLength:N0})");
            return;
        }
        int touchpointIndex = -1;
        int stageIndex;
        if (!touchpoint.IsEmpty)
        {
            if (!_touchpoints.TryGetValue(touchpoint, AnalyzerShard.Hash(touchpoint), out touchpointIndex))
            {
                batch.Skip($"{_source}, {_unit} {line}: customer '{Text(customer)}': unknown touchpoint '{Text(touchpoint)}'");
                return;
            }
            stageIndex = _analyzer.TouchpointStage[touchpointIndex];
            if (!stage.IsEmpty && !_stages.TryGetValue(stage, AnalyzerShard.Hash(stage), out int given) | given != stageIndex)
            {
                batch.Skip($"{_source}, {_unit} {line}: customer '{Text(customer)}': touchpoint '{Text(touchpoint)}' is in stage '{_analyzer.StageName(stageIndex)}', not '{Text(stage)}'");
                return;
            }
        }
        else if (!_stages.TryGetValue(stage, AnalyzerShard.Hash(stage), out stageIndex))
        {
            batch.Skip($"{_source}, {_unit} {line}: customer '{Text(customer)}': unknown stage '{Text(stage)}'");
            return;
        }
        uint personaHash = AnalyzerShard.Hash(persona);
        if (!_personas.TryGetValue(persona, personaHash, out int personaIndex))
        {
            personaIndex = _analyzer.PersonaOf(Text(persona));
            _personas.Add(persona, personaHash, personaIndex);
        }
        batch.Add(customer, personaIndex, stageIndex, touchpointIndex, utcTicks, satisfaction);
    }

    public void Malformed(JourneyEventFormatException error) => Batch.Errors.Add(error);

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    private static void Put(ByteKeyTable table, string id, int index)
    {
        var bytes = Encoding.UTF8.GetBytes(id);
        table.Add(bytes, AnalyzerShard.Hash(bytes), index);
    }
}
