using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JourneyKit.Analytics;

/// <summary>
/// The customers in flight of one partition: a compact record each (32 bytes) in pages, a chained hash
/// index (4 bytes per slot), the ids' bytes stored once in an arena. No object per customer. Silent
/// customers are found by a sweep over the records (<see cref="RemoveSilentBefore"/>), run now and then,
/// rather than kept in a recency list, which would cost two more random writes per event.
/// </summary>
/// <remarks>
/// The arena is compacted in place (each id is preceded by its record's number, or by its length once
/// released), so releasing customers never allocates: in a long run the table's arrays are allocated while
/// it grows and then only reused, and leave the garbage collector nothing to collect.
/// </remarks>
/// <remarks>Ids are compared as bytes (UTF-8 from files; the analyzer encodes string ids the same way).</remarks>
internal sealed class CustomerTable
{
    private const int PageBits = 14;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;
    private const int ArenaPageBits = 17; // 128 KB: room for the longest id
    private const int ArenaPageSize = 1 << ArenaPageBits;
    private const int ArenaPageMask = ArenaPageSize - 1;
    private const int MaxArenaPages = int.MaxValue / ArenaPageSize;
    private const int EntryHeader = sizeof(int);
    private const ushort Free = ushort.MaxValue;

    private Customer[][] _pages = [];
    private int _allocated;   // records ever handed out (high-water mark)
    private int _free = -1;   // free list through ChainNext
    private int[] _buckets = new int[16];
    private byte[][] _arena = [];
    private int _arenaPages;
    private int _arenaUsed;   // the arena's end, as an offset (page << ArenaPageBits | position)
    private int _arenaGarbage;

    /// <summary>The longest id the table holds, in UTF-8 bytes (events of longer ids are skipped, with a reason).</summary>
    public const int MaxIdLength = ushort.MaxValue - 1;

    /// <summary>The customers in the table.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the table (records, index, arena), for the documentation of bytes per customer.</summary>
    public long BytesHeld => (long)_pages.Length * PageSize * Unsafe.SizeOf<Customer>() + _buckets.Length * 4L + (long)_arenaPages * ArenaPageSize;

    /// <summary>The record of a customer, by its number.</summary>
    public ref Customer this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _pages[index >> PageBits][index & PageMask];
    }

    /// <summary>Finds a customer by id, or adds one (initialised by the caller: <paramref name="added"/> is true).</summary>
    public int FindOrAdd(ReadOnlySpan<byte> id, uint hash, out bool added)
    {
        int bucket = (int)(hash & (uint)(_buckets.Length - 1));
        for (int i = _buckets[bucket] - 1; i >= 0;)
        {
            ref var c = ref this[i];
            // No hash in the record (it would make it 36 bytes, so 40): the length, then the bytes, decide.
            if (c.IdLength == id.Length && IdOf(c).SequenceEqual(id))
            {
                added = false;
                return i;
            }
            i = c.ChainNext;
        }

        added = true;
        if (Count >= _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
            bucket = (int)(hash & (uint)(_buckets.Length - 1));
        }
        int index = NewRecord();
        int offset = Store(id, index);
        ref var n = ref this[index];
        n = default;
        n.IdOffset = offset;
        n.IdLength = (ushort)id.Length;
        n.ChainNext = _buckets[bucket] - 1;
        _buckets[bucket] = index + 1;
        Count++;
        return index;
    }

    /// <summary>
    /// Removes the customers last active before a time, except one; returns how many. With a spill, those
    /// last active at or after <paramref name="timeoutCutoff"/> (whose journey has not ended) are moved to it
    /// rather than forgotten.
    /// </summary>
    public int RemoveSilentBefore(long cutoffTicks, int except = -1, CustomerSpill? spill = null, long timeoutCutoff = long.MinValue)
    {
        int removed = 0;
        for (int i = 0; i < _allocated; i++)
        {
            ref var c = ref this[i];
            if (c.IdLength == Free || c.LastTicks >= cutoffTicks || i == except) continue;
            if (spill is not null && c.LastTicks >= timeoutCutoff)
            {
                var id = IdOf(c);
                spill.Add(id, AnalyzerShard.Hash64(id), c);
            }
            Remove(i);
            removed++;
        }
        spill?.Flush(timeoutCutoff);
        return removed;
    }

    /// <summary>About the <paramref name="share"/> quantile of the customers' last activity, from a sample of up to 1,024 of them.</summary>
    public long LastActivityQuantile(double share)
    {
        var sample = new List<long>(1024);
        int step = Math.Max(1, _allocated / 1024);
        for (int i = 0; i < _allocated; i += step)
        {
            ref var c = ref this[i];
            if (c.IdLength != Free) sample.Add(c.LastTicks);
        }
        if (sample.Count == 0) return long.MinValue;
        sample.Sort();
        return sample[Math.Min(sample.Count - 1, (int)(share * sample.Count))];
    }

    /// <summary>Removes a customer.</summary>
    public void Remove(int index)
    {
        ref var c = ref this[index];
        int bucket = (int)(HashOf(c) & (uint)(_buckets.Length - 1));
        int at = _buckets[bucket] - 1;
        if (at == index)
        {
            _buckets[bucket] = c.ChainNext + 1;
        }
        else
        {
            while (this[at].ChainNext != index) at = this[at].ChainNext;
            this[at].ChainNext = c.ChainNext;
        }
        // The entry's header now gives its length (negative: released), so the compaction can step over it.
        BinaryPrimitives.WriteInt32LittleEndian(Arena(c.IdOffset - EntryHeader), -c.IdLength - 1);
        _arenaGarbage += EntryHeader + c.IdLength;
        c.IdLength = Free;
        c.ChainNext = _free;
        _free = index;
        Count--;
    }

    /// <summary>Removes every customer and gives back the memory.</summary>
    public void Clear()
    {
        _pages = [];
        _allocated = 0;
        _free = -1;
        _buckets = new int[16];
        _arena = [];
        _arenaPages = _arenaUsed = _arenaGarbage = 0;
        Count = 0;
    }

    private int NewRecord()
    {
        if (_free >= 0)
        {
            int reused = _free;
            _free = this[reused].ChainNext;
            return reused;
        }
        int page = _allocated >> PageBits;
        if (page == _pages.Length) Array.Resize(ref _pages, Math.Max(4, _pages.Length * 2));
        _pages[page] ??= new Customer[PageSize];
        return _allocated++;
    }

    // An id's entry: its record's number, then its bytes, within one page of the arena (pages are never
    // resized or dropped, so the arena leaves no garbage). When the arena is full, it is compacted in place if
    // released entries are a quarter of it or more (so each byte stored is moved at most about 4 times), else
    // it gets a page more.
    private int Store(ReadOnlySpan<byte> id, int record)
    {
        int needed = EntryHeader + id.Length;
        if (_arenaPages > 0 && PageRest(_arenaUsed) < needed)
        {
            Pad(_arenaUsed);
            _arenaUsed = (_arenaUsed & ~ArenaPageMask) + ArenaPageSize;
        }
        if ((_arenaUsed >> ArenaPageBits) >= _arenaPages)
        {
            if (_arenaGarbage >= (long)_arenaPages * ArenaPageSize / 4)
            {
                CompactArena();
                if (PageRest(_arenaUsed) < needed)
                {
                    Pad(_arenaUsed);
                    _arenaUsed = (_arenaUsed & ~ArenaPageMask) + ArenaPageSize;
                }
            }
            if ((_arenaUsed >> ArenaPageBits) >= _arenaPages)
            {
                if (_arenaPages == MaxArenaPages) throw new InvalidOperationException("The customer ids in flight take more than 2 GB.");
                if (_arenaPages == _arena.Length) Array.Resize(ref _arena, Math.Max(4, _arena.Length * 2));
                _arena[_arenaPages++] = new byte[ArenaPageSize];
            }
        }
        var entry = Arena(_arenaUsed);
        BinaryPrimitives.WriteInt32LittleEndian(entry, record);
        id.CopyTo(entry[EntryHeader..]);
        int offset = _arenaUsed + EntryHeader;
        _arenaUsed += needed;
        return offset;
    }

    // Slides the live entries down over the released ones, in arena order (never past the next entry to read,
    // so in place), and tells each record its new place.
    private void CompactArena()
    {
        int read = 0, write = 0;
        _arenaGarbage = 0;
        while (read < _arenaUsed)
        {
            if (PageRest(read) < EntryHeader)
            {
                read += PageRest(read);
                continue;
            }
            int header = BinaryPrimitives.ReadInt32LittleEndian(Arena(read));
            if (header < 0)
            {
                read += EntryHeader + (-header - 1);
                continue;
            }
            ref var c = ref this[header];
            int size = EntryHeader + c.IdLength;
            if (PageRest(write) < size)
            {
                Pad(write);
                write += PageRest(write);
            }
            if (write != read) Arena(read)[..size].CopyTo(Arena(write));
            c.IdOffset = write + EntryHeader;
            write += size;
            read += size;
        }
        _arenaUsed = write;
    }

    private void Rehash(int size)
    {
        var buckets = new int[size];
        for (int i = 0; i < _allocated; i++)
        {
            ref var c = ref this[i];
            if (c.IdLength == Free) continue;
            int bucket = (int)(HashOf(c) & (uint)(size - 1));
            c.ChainNext = buckets[bucket] - 1;
            buckets[bucket] = i + 1;
        }
        _buckets = buckets;
    }

    private uint HashOf(in Customer c) => AnalyzerShard.Hash(IdOf(c));

    private ReadOnlySpan<byte> IdOf(in Customer c) => _arena[c.IdOffset >> ArenaPageBits].AsSpan(c.IdOffset & ArenaPageMask, c.IdLength);

    // The arena from an offset to the end of its page.
    private Span<byte> Arena(int offset) => _arena[offset >> ArenaPageBits].AsSpan(offset & ArenaPageMask);

    private static int PageRest(int offset) => ArenaPageSize - (offset & ArenaPageMask);

    // Ends a page early (an entry does not fit in its rest): a released entry's header covers the rest, if it has room for one.
    private void Pad(int offset)
    {
        int rest = PageRest(offset);
        if (rest >= EntryHeader) BinaryPrimitives.WriteInt32LittleEndian(Arena(offset), -(rest - EntryHeader) - 1);
        _arenaGarbage += rest;
    }

    /// <summary>One customer in flight: 32 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Customer
    {
        public long EnteredTicks;
        public long LastTicks;
        public int IdOffset;
        public int ChainNext;
        public ushort IdLength;
        public short Stage;
        public ushort Persona;
        private ushort _lastNode; // the last node + 1 (0: none yet)

        /// <summary>The last touchpoint or stage node met, or -1 (the map has fewer than 65,535 of them: <see cref="JourneyAnalyzer"/> checks).</summary>
        public int LastNode
        {
            readonly get => _lastNode - 1;
            set => _lastNode = (ushort)(value + 1);
        }
    }
}
