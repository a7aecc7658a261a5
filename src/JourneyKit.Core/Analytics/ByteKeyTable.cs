namespace JourneyKit.Analytics;

/// <summary>A small map from byte strings to numbers (ids of personas, stages, touchpoints), looked up by span without allocating.</summary>
internal sealed class ByteKeyTable
{
    private Entry[] _entries = new Entry[16];

    public int Count { get; private set; }

    public bool TryGetValue(ReadOnlySpan<byte> key, uint hash, out int value)
    {
        int mask = _entries.Length - 1;
        for (int i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
        {
            ref var e = ref _entries[i];
            if (e.Key is null) break;
            if (e.Hash == hash && key.SequenceEqual(e.Key))
            {
                value = e.Value;
                return true;
            }
        }
        value = -1;
        return false;
    }

    public void Add(ReadOnlySpan<byte> key, uint hash, int value)
    {
        if ((Count + 1) * 2 > _entries.Length)
        {
            var old = _entries;
            _entries = new Entry[old.Length * 2];
            Count = 0;
            foreach (var e in old)
                if (e.Key is not null) Put(e.Key, e.Hash, e.Value);
        }
        Put(key.ToArray(), hash, value);
    }

    private void Put(byte[] key, uint hash, int value)
    {
        int mask = _entries.Length - 1;
        int i = (int)(hash & (uint)mask);
        while (_entries[i].Key is not null) i = (i + 1) & mask;
        _entries[i] = new Entry(key, hash, value);
        Count++;
    }

    private readonly record struct Entry(byte[]? Key, uint Hash, int Value);
}
