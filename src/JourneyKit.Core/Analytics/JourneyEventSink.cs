using System.Numerics;
using System.Runtime.InteropServices;
using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>Turns what a reader parsed into <see cref="JourneyEvent"/>s (persona, stage and touchpoint ids shared, up to a bound), keeping malformed records in their place.</summary>
internal sealed class JourneyEventSink<T> : IEventSink<T> where T : unmanaged, IBinaryInteger<T>
{
    private const int InternLimit = 4096;

    private readonly ByteKeyTable _known = new();
    private readonly List<string> _texts = [];
    private int _malformedSeen;

    public List<JourneyEvent> Events { get; } = [];

    /// <summary>Malformed records, each with the number of events before it in <see cref="Events"/>.</summary>
    public List<(int Before, JourneyEventFormatException Error)> Errors { get; } = [];

    public void Clear()
    {
        Events.Clear();
        Errors.Clear();
    }

    /// <summary>
    /// Yields the events parsed since the last <see cref="Clear"/> with the malformed records in their place (the
    /// events before one first): each is passed to <see cref="JourneyEventReadOptions.OnError"/>, and the one past
    /// <see cref="JourneyEventReadOptions.MaxErrors"/> over the whole read is thrown. Then clears.
    /// </summary>
    public IEnumerable<JourneyEvent> Drain(JourneyEventReadOptions options, CancellationToken cancellationToken)
    {
        int e = 0;
        for (int i = 0; i <= Events.Count; i++)
        {
            while (e < Errors.Count && Errors[e].Before == i)
            {
                var error = Errors[e++].Error;
                if (++_malformedSeen > options.MaxErrors) throw error;
                options.OnError?.Invoke(error);
            }
            if (i >= Events.Count) break;
            cancellationToken.ThrowIfCancellationRequested();
            yield return Events[i];
        }
        Clear();
    }

    public void Event(ReadOnlySpan<T> customer, ReadOnlySpan<T> persona, ReadOnlySpan<T> stage, ReadOnlySpan<T> touchpoint, long utcTicks, int offsetMinutes, int satisfaction, long line)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        Events.Add(new JourneyEvent(
            CsvEventParser<T>.ToText(customer),
            new PersonaId(Intern(persona)),
            stage.IsEmpty ? default(StageId?) : new StageId(Intern(stage)),
            touchpoint.IsEmpty ? default(TouchpointId?) : new TouchpointId(Intern(touchpoint)),
            new DateTimeOffset(utcTicks + offset.Ticks, offset),
            satisfaction == 0 ? null : satisfaction));
    }

    public void Malformed(JourneyEventFormatException error) => Errors.Add((Events.Count, error));

    public void Record(ReadOnlySpan<T> recordType, ReadOnlySpan<T> recordId)
    {
        ref var last = ref CollectionsMarshal.AsSpan(Events)[^1];
        last = last with
        {
            RecordType = recordType.IsEmpty ? null : Intern(recordType),
            RecordId = recordId.IsEmpty ? null : CsvEventParser<T>.ToText(recordId),
        };
    }

    // Persona, stage and touchpoint ids repeat on every line: one string per id (up to a bound).
    private string Intern(ReadOnlySpan<T> value)
    {
        var key = MemoryMarshal.AsBytes(value);
        uint hash = AnalyzerShard.Hash(key);
        if (_known.TryGetValue(key, hash, out int index)) return _texts[index];
        var text = CsvEventParser<T>.ToText(value);
        if (_texts.Count < InternLimit)
        {
            _known.Add(key, hash, _texts.Count);
            _texts.Add(text);
        }
        return text;
    }
}
