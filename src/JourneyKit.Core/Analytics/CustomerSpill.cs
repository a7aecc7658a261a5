using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace JourneyKit.Analytics;

/// <summary>
/// Customers in flight moved out of memory by the in-flight bound, in files of sorted runs: each time
/// the bound is met, the customers moved out are sorted by the hash of their id and written in one
/// sequential pass (64 bytes each), and runs of about the same size are merged, so every write is
/// sequential. Memory keeps, per run, a filter (12 bits a customer: a customer who is not in the run
/// costs no read), the first hash of each 4 KB block (8 bytes per 64 customers) and a bit per customer
/// for those taken back; bringing one back is one 4 KB read.
/// </summary>
/// <remarks>
/// <para>A customer is either in memory or here, never both: <see cref="TryTake"/> removes what it finds.
/// Customers whose inactivity timeout passes while they are here need nothing done (their journey ended
/// where it stood, which the figures already say); merges leave them out.</para>
/// <para>A record holds the id's 64-bit hash, its length and its first 32 bytes, and the journey state; two
/// ids are the same customer when all three match (ids longer than 32 bytes are told apart by their first
/// 32 bytes and the hash).</para>
/// <para>Each run's file is deleted when closed (on Linux and macOS as soon as it is open: nothing is left
/// behind even if the process is killed).</para>
/// </remarks>
internal sealed class CustomerSpill : IDisposable
{
    private const int RecordSize = 64;
    private const int InlineId = 32;
    private const int BlockRecords = 64; // 4 KB: one read brings a customer back
    private const int ChunkBytes = 1 << 16; // 64 KB pieces: sequential, and below the large-object heap

    private readonly string _directory;
    private readonly List<Run> _runs = [];
    private byte[] _pending = [];
    private ulong[] _pendingKeys = [];
    private int[] _pendingOrder = [];
    private int _pendingCount;
    private long _droppedBefore = long.MinValue; // after a merge of every run: nobody here was last active before it
    private bool _directoryMade;

    public CustomerSpill(string directory) => _directory = directory;

    /// <summary>Whether nobody is here (a run whose customers were all taken back is closed at once, so no run is empty).</summary>
    public bool IsEmpty => _runs.Count == 0;

    /// <summary>Customers here (those whose timeout passed since they came included, until the next merge).</summary>
    public long Count => _runs.Sum(r => r.Live);

    /// <summary>Customers ever moved here.</summary>
    public long Moved { get; private set; }

    /// <summary>Runs on disk.</summary>
    public int Runs => _runs.Count;

    /// <summary>Adds a customer to the next run (written by <see cref="Flush"/>).</summary>
    /// <param name="id">The id's bytes.</param>
    /// <param name="hash">Its <see cref="AnalyzerShard.Hash64"/>.</param>
    /// <param name="customer">The state.</param>
    public void Add(ReadOnlySpan<byte> id, ulong hash, in CustomerTable.Customer customer)
    {
        if (_pendingCount == _pendingKeys.Length)
        {
            int size = Math.Max(1024, _pendingKeys.Length * 2);
            Array.Resize(ref _pending, size * RecordSize);
            Array.Resize(ref _pendingKeys, size);
            Array.Resize(ref _pendingOrder, size);
        }
        Encode(_pending.AsSpan(_pendingCount * RecordSize, RecordSize), id, hash, customer);
        _pendingKeys[_pendingCount] = hash;
        _pendingOrder[_pendingCount] = _pendingCount;
        _pendingCount++;
    }

    /// <summary>Writes the customers added since the last call as a run, then merges runs of about the same size.</summary>
    /// <param name="cutoff">Customers last active before this have ended their journey (left out of merges).</param>
    public void Flush(long cutoff)
    {
        if (_pendingCount == 0) return;
        Array.Sort(_pendingKeys, _pendingOrder, 0, _pendingCount);
        var writer = new RunWriter(Create(), _pendingCount);
        try
        {
            for (int i = 0; i < _pendingCount; i++) writer.Append(_pending.AsSpan(_pendingOrder[i] * RecordSize, RecordSize));
            _runs.Add(writer.Finish());
        }
        catch
        {
            writer.Abandon();
            throw;
        }
        Moved += _pendingCount;
        _pendingCount = 0;
        // Sizes from the newest: a run is merged into the one before once that is at most twice its size, so
        // a customer is rewritten about log2(here ÷ one flush) times and the runs stay few.
        while (_runs.Count >= 2 && _runs[^2].Live <= 2 * _runs[^1].Live) Merge(_runs.Count - 2, cutoff);
    }

    /// <summary>Finds a customer, and if found, removes them and gives back their state.</summary>
    /// <param name="id">The id's bytes.</param>
    /// <param name="hash">Its <see cref="AnalyzerShard.Hash64"/>.</param>
    /// <param name="customer">Given the state found: first and last activity, stage, persona, last step.</param>
    /// <returns>Whether the customer was here.</returns>
    public bool TryTake(ReadOnlySpan<byte> id, ulong hash, ref CustomerTable.Customer customer)
    {
        if (IsEmpty) return false;
        Span<byte> block = stackalloc byte[BlockRecords * RecordSize];
        for (int r = _runs.Count - 1; r >= 0; r--)
        {
            var run = _runs[r];
            if (!run.MayContain(hash) || !run.TryTake(id, hash, block, ref customer)) continue;
            if (run.Live == 0)
            {
                run.Dispose();
                _runs.RemoveAt(r);
            }
            return true;
        }
        return false;
    }

    /// <summary>Merges every run into one without those last active before <paramref name="cutoff"/> (their journey has ended), so <see cref="Count"/> is exact.</summary>
    public void DropEnded(long cutoff)
    {
        if (IsEmpty || cutoff <= _droppedBefore) return;
        Merge(0, cutoff);
        _droppedBefore = cutoff;
    }

    /// <summary>Removes every customer and deletes the files.</summary>
    public void Clear()
    {
        foreach (var run in _runs) run.Dispose();
        _runs.Clear();
        _pending = [];
        _pendingKeys = [];
        _pendingOrder = [];
        _pendingCount = 0;
        _droppedBefore = long.MinValue;
    }

    public void Dispose() => Clear();

    // Merges the runs from `first` to the last into one, in hash order, leaving out those taken back and those whose journey ended.
    private void Merge(int first, long cutoff)
    {
        var sources = _runs.GetRange(first, _runs.Count - first);
        long live = sources.Sum(r => r.Live);
        var readers = sources.Select(r => new RunReader(r)).ToList();
        RunWriter? writer = null;
        try
        {
            if (live > 0) writer = new RunWriter(Create(), live);
            while (true)
            {
                // The head with the lowest hash (a handful of runs: a linear look is enough).
                RunReader? next = null;
                foreach (var reader in readers)
                {
                    if (reader.Current is not null && (next is null || reader.CurrentHash < next.CurrentHash)) next = reader;
                }
                if (next is null) break;
                var record = next.Current!.Value.Span;
                if (BinaryPrimitives.ReadInt64LittleEndian(record[16..]) >= cutoff) writer!.Append(record);
                next.MoveNext();
            }
            var merged = writer?.Finish();
            foreach (var run in sources) run.Dispose();
            _runs.RemoveRange(first, sources.Count);
            if (merged is { Live: > 0 }) _runs.Insert(first, merged);
            else merged?.Dispose();
        }
        catch
        {
            writer?.Abandon();
            throw;
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    private SafeFileHandle Create()
    {
        string path = Path.Combine(_directory, $"journeykit-customers-{Guid.NewGuid():N}.spill");
        try
        {
            if (!_directoryMade)
            {
                Directory.CreateDirectory(_directory);
                _directoryMade = true;
            }
            var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
            if (!OperatingSystem.IsWindows()) File.Delete(path); // still open here; gone from the folder at once
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write the customers over the in-flight bound to a file in '{_directory}' (JourneyAnalyzerOptions.SpillDirectory): {e.Message}", e);
        }
    }

    private static IOException WriteFailed(IOException e) =>
        new($"Cannot write the customers over the in-flight bound to their file (JourneyAnalyzerOptions.SpillDirectory): {e.Message}", e);

    // hash (8) | entered (8) | last (8) | stage (2) | persona (2) | last node (2) | id length (2) | the id's first 32 bytes
    private static void Encode(Span<byte> record, ReadOnlySpan<byte> id, ulong hash, in CustomerTable.Customer c)
    {
        record.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(record, hash);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], c.EnteredTicks);
        BinaryPrimitives.WriteInt64LittleEndian(record[16..], c.LastTicks);
        BinaryPrimitives.WriteInt16LittleEndian(record[24..], c.Stage);
        BinaryPrimitives.WriteUInt16LittleEndian(record[26..], c.Persona);
        BinaryPrimitives.WriteInt32LittleEndian(record[28..], (c.LastNode + 1) | (id.Length << 16));
        id[..Math.Min(id.Length, InlineId)].CopyTo(record[32..]);
    }

    private static bool Matches(ReadOnlySpan<byte> record, ReadOnlySpan<byte> id) =>
        BinaryPrimitives.ReadUInt16LittleEndian(record[30..]) == id.Length
        && record.Slice(32, Math.Min(id.Length, InlineId)).SequenceEqual(id[..Math.Min(id.Length, InlineId)]);

    private static void Decode(ReadOnlySpan<byte> record, ref CustomerTable.Customer c)
    {
        c.EnteredTicks = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
        c.LastTicks = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
        c.Stage = BinaryPrimitives.ReadInt16LittleEndian(record[24..]);
        c.Persona = BinaryPrimitives.ReadUInt16LittleEndian(record[26..]);
        c.LastNode = BinaryPrimitives.ReadUInt16LittleEndian(record[28..]) - 1;
    }

    /// <summary>One sorted run: its file, its filter, the first hash of each block, and which records were taken back (never empty: closed when the last is taken).</summary>
    private sealed class Run(SafeFileHandle file, long count, ulong[] filter, ulong[] fences) : IDisposable
    {
        private readonly ulong[] _taken = new ulong[(count + 63) / 64];

        public SafeFileHandle File { get; } = file;

        public long Records { get; } = count;

        public long Live { get; private set; } = count;

        public bool IsTaken(long index) => (_taken[index >> 6] & (1UL << (int)(index & 63))) != 0;

        public bool MayContain(ulong hash) => Filter.MayContain(filter, hash);

        public bool TryTake(ReadOnlySpan<byte> id, ulong hash, Span<byte> block, ref CustomerTable.Customer customer)
        {
            // The first block that may hold the hash: the last whose first hash is below it, or equal (an equal
            // hash may also end the block before).
            int b = UpperBound(fences, hash) - 1;
            while (b > 0 && fences[b] == hash) b--;
            if (b < 0) return false;
            for (; b < fences.Length; b++)
            {
                long start = (long)b * BlockRecords;
                int records = (int)Math.Min(BlockRecords, Records - start);
                var bytes = block[..(records * RecordSize)];
                if (RandomAccess.Read(File, bytes, start * RecordSize) != bytes.Length)
                    throw new IOException("The file of the customers over the in-flight bound was cut short.");
                for (int i = 0; i < records; i++)
                {
                    var record = bytes.Slice(i * RecordSize, RecordSize);
                    ulong h = BinaryPrimitives.ReadUInt64LittleEndian(record);
                    if (h > hash) return false;
                    if (h != hash || IsTaken(start + i) || !Matches(record, id)) continue;
                    Decode(record, ref customer);
                    _taken[(start + i) >> 6] |= 1UL << (int)((start + i) & 63);
                    Live--;
                    return true;
                }
            }
            return false;
        }

        public void Dispose() => File.Dispose();

        private static int UpperBound(ulong[] keys, ulong key)
        {
            int lo = 0, hi = keys.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (keys[mid] <= key) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    /// <summary>Writes a run in 64 KB pieces, building its filter and block index as it goes.</summary>
    private sealed class RunWriter
    {
        private readonly SafeFileHandle _file;
        private readonly ulong[] _filter;
        private readonly ulong[] _fences;
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private int _buffered;
        private long _written;
        private long _count;

        public RunWriter(SafeFileHandle file, long capacity)
        {
            _file = file;
            _filter = Filter.Create(capacity);
            _fences = new ulong[(capacity + BlockRecords - 1) / BlockRecords];
        }

        public void Append(ReadOnlySpan<byte> record)
        {
            ulong hash = BinaryPrimitives.ReadUInt64LittleEndian(record);
            if (_count % BlockRecords == 0) _fences[_count / BlockRecords] = hash;
            Filter.Add(_filter, hash);
            record.CopyTo(_buffer.AsSpan(_buffered));
            _buffered += RecordSize;
            _count++;
            if (_buffered == ChunkBytes) WriteBuffer();
        }

        public Run Finish()
        {
            WriteBuffer();
            ArrayPool<byte>.Shared.Return(_buffer);
            var fences = _fences.Length == (_count + BlockRecords - 1) / BlockRecords ? _fences : _fences[..(int)((_count + BlockRecords - 1) / BlockRecords)];
            return new Run(_file, _count, _filter, fences);
        }

        public void Abandon()
        {
            _file.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        private void WriteBuffer()
        {
            if (_buffered == 0) return;
            try
            {
                RandomAccess.Write(_file, _buffer.AsSpan(0, _buffered), _written);
            }
            catch (IOException e)
            {
                throw WriteFailed(e);
            }
            _written += _buffered;
            _buffered = 0;
        }
    }

    /// <summary>Reads a run in order, 64 KB at a time, skipping the records taken back.</summary>
    private sealed class RunReader : IDisposable
    {
        private readonly Run _run;
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private long _bufferStart = -1; // first record in the buffer
        private int _bufferRecords;
        private long _index = -1;

        public RunReader(Run run)
        {
            _run = run;
            MoveNext();
        }

        public ReadOnlyMemory<byte>? Current { get; private set; }

        public ulong CurrentHash { get; private set; }

        public void MoveNext()
        {
            while (++_index < _run.Records)
            {
                if (_run.IsTaken(_index)) continue;
                if (_index >= _bufferStart + _bufferRecords || _bufferStart < 0)
                {
                    _bufferStart = _index;
                    _bufferRecords = (int)Math.Min(ChunkBytes / RecordSize, _run.Records - _index);
                    int length = _bufferRecords * RecordSize;
                    if (RandomAccess.Read(_run.File, _buffer.AsSpan(0, length), _index * RecordSize) != length)
                        throw new IOException("The file of the customers over the in-flight bound was cut short.");
                }
                var record = _buffer.AsMemory((int)(_index - _bufferStart) * RecordSize, RecordSize);
                Current = record;
                CurrentHash = BinaryPrimitives.ReadUInt64LittleEndian(record.Span);
                return;
            }
            Current = null;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }

    /// <summary>A blocked Bloom filter over the 64-bit hashes: 12 bits a customer, 8 bits set in one 64-byte block, under 1 % false positives.</summary>
    private static class Filter
    {
        public static ulong[] Create(long capacity) => new ulong[Math.Max(1, (capacity * 12 + 511) / 512) * 8];

        public static void Add(ulong[] filter, ulong hash)
        {
            var (block, a, b) = Probes(filter, hash);
            for (int k = 0; k < 8; k++)
            {
                int bit = (a + k * b) & 511;
                filter[block + (bit >> 6)] |= 1UL << (bit & 63);
            }
        }

        public static bool MayContain(ulong[] filter, ulong hash)
        {
            var (block, a, b) = Probes(filter, hash);
            for (int k = 0; k < 8; k++)
            {
                int bit = (a + k * b) & 511;
                if ((filter[block + (bit >> 6)] & (1UL << (bit & 63))) == 0) return false;
            }
            return true;
        }

        // The hash is the runs' sort key too: mixed again, so the block and the bits do not follow its order.
        // The block from the high half; the 8 bits a + k·b (b odd) within its 512.
        private static (int Block, int A, int B) Probes(ulong[] filter, ulong hash)
        {
            ulong h = hash * 0x9E3779B97F4A7C15UL;
            h ^= h >> 31;
            h *= 0xBF58476D1CE4E5B9UL;
            h ^= h >> 29;
            ulong blocks = (ulong)(filter.Length / 8);
            return ((int)(((h >> 32) * blocks) >> 32) * 8, (int)(h & 511), (int)((h >> 9) & 511) | 1);
        }
    }
}
