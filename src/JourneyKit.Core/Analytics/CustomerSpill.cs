using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace JourneyKit.Analytics;

/// <summary>
/// Customers in flight moved out of memory by the in-flight bound: an open-addressing hash table in a
/// file (64 bytes a slot), with one byte a slot in memory (a tag from the id's hash, or empty, or taken
/// back), so that a customer who is not in the file costs no read, and putting one costs one write.
/// </summary>
/// <remarks>
/// <para>A customer is either in memory or here, never both: <see cref="TryTake"/> removes what it finds.
/// Customers whose inactivity timeout passes while they are here need nothing done (their journey ended
/// where it stood, which the figures already say); they are dropped when the table is rebuilt.</para>
/// <para>A slot holds the id's 64-bit hash, its length and its first 32 bytes, and the journey state; two
/// ids are the same customer when all three match (ids longer than 32 bytes are told apart by their first
/// 32 bytes and the hash).</para>
/// <para>The file is deleted when closed (on Linux and macOS as soon as it is open: nothing is left behind
/// even if the process is killed).</para>
/// </remarks>
internal sealed class CustomerSpill : IDisposable
{
    private const int SlotSize = 64;
    private const int InlineId = 32;
    private const int MinBits = 16;
    private const byte Empty = 0;
    private const byte Taken = 1;
    private const int WindowSlots = 1 << 14; // 1 MB of the new file written at once while rebuilding

    private readonly string _directory;
    private SafeFileHandle? _file;
    private byte[] _tags = [];
    private int _bits;
    private long _used; // slots not empty: live and taken back
    private long _droppedBefore = long.MinValue; // the last rebuild's cutoff: nobody in the file was last active before it

    public CustomerSpill(string directory) => _directory = directory;

    /// <summary>Customers in the file (those whose timeout passed since they were put included, until the next rebuild).</summary>
    public long Count { get; private set; }

    /// <summary>Customers ever put.</summary>
    public long Put { get; private set; }

    /// <summary>Bytes of memory held (the slots' tags).</summary>
    public long BytesHeld => _tags.Length;

    /// <summary>Moves a customer's state here.</summary>
    /// <param name="id">The id's bytes.</param>
    /// <param name="hash">Its <see cref="AnalyzerShard.Hash64"/>.</param>
    /// <param name="customer">The state.</param>
    /// <param name="cutoff">Customers last active before this have ended their journey (dropped when the table is rebuilt).</param>
    public void Add(ReadOnlySpan<byte> id, ulong hash, in CustomerTable.Customer customer, long cutoff)
    {
        if (_file is null) Open(MinBits);
        else if ((_used + 1) * 10 > (long)_tags.Length * 7) Rebuild(cutoff, grow: true);
        long mask = _tags.Length - 1;
        long slot = Home(hash, _bits);
        while (_tags[slot] > Taken) slot = (slot + 1) & mask;
        if (_tags[slot] == Empty) _used++;
        _tags[slot] = Tag(hash);
        Count++;
        Put++;
        Span<byte> record = stackalloc byte[SlotSize];
        Encode(record, id, hash, customer);
        Write(_file!, record, slot);
    }

    /// <summary>Finds a customer, and if found, removes them and gives back their state.</summary>
    /// <param name="id">The id's bytes.</param>
    /// <param name="hash">Its <see cref="AnalyzerShard.Hash64"/>.</param>
    /// <param name="customer">Given the state found: first and last activity, stage, persona, last step.</param>
    /// <returns>Whether the customer was here.</returns>
    public bool TryTake(ReadOnlySpan<byte> id, ulong hash, ref CustomerTable.Customer customer)
    {
        if (Count == 0) return false;
        byte tag = Tag(hash);
        long mask = _tags.Length - 1;
        Span<byte> record = stackalloc byte[SlotSize];
        for (long slot = Home(hash, _bits); _tags[slot] != Empty; slot = (slot + 1) & mask)
        {
            if (_tags[slot] != tag) continue;
            Read(_file!, record, slot);
            if (!Matches(record, id, hash)) continue;
            Decode(record, ref customer);
            _tags[slot] = Taken;
            if (--Count == 0)
            {
                Array.Clear(_tags);
                _used = 0;
            }
            return true;
        }
        return false;
    }

    /// <summary>Drops the customers last active before <paramref name="cutoff"/> (their journey has ended), so <see cref="Count"/> is exact; reads and rewrites the file.</summary>
    public void DropEnded(long cutoff)
    {
        if (Count > 0 && cutoff > _droppedBefore) Rebuild(cutoff, grow: false);
    }

    /// <summary>Removes every customer and deletes the file.</summary>
    public void Clear()
    {
        _file?.Dispose();
        _file = null;
        _tags = [];
        _bits = 0;
        _used = Count = 0;
        _droppedBefore = long.MinValue;
    }

    public void Dispose() => Clear();

    private void Open(int bits)
    {
        _file = Create(bits);
        _bits = bits;
        _tags = new byte[1L << bits];
        _used = 0;
    }

    private SafeFileHandle Create(int bits)
    {
        string path = Path.Combine(_directory, $"journeykit-customers-{Guid.NewGuid():N}.spill");
        SafeFileHandle file;
        try
        {
            Directory.CreateDirectory(_directory);
            file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose, preallocationSize: 0);
            if (!OperatingSystem.IsWindows()) File.Delete(path); // still open here; gone from the folder at once
            RandomAccess.SetLength(file, (1L << bits) * SlotSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write the customers over the in-flight bound to a file in '{_directory}' (JourneyAnalyzerOptions.SpillDirectory): {e.Message}", e);
        }
        return file;
    }

    // Copies the customers still within their timeout into a new file, sized for twice as many (or the same
    // size when taken-back slots were most of the old one), in slot order through a window of the new file.
    private void Rebuild(long cutoff, bool grow)
    {
        int bits = grow && Count * 100 > (long)_tags.Length * 35 ? _bits + 1 : _bits;
        var oldFile = _file!;
        var oldTags = _tags;
        int oldBits = _bits;
        var newFile = Create(bits);
        var newTags = new byte[1L << bits];
        long mask = newTags.Length - 1;
        long count = 0;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(WindowSlots * SlotSize);
        byte[] window = ArrayPool<byte>.Shared.Rent(WindowSlots * SlotSize);
        long windowStart = 0;
        List<byte[]>? wrapped = null;
        try
        {
            Array.Clear(window, 0, WindowSlots * SlotSize);
            for (long start = 0; start < oldTags.Length; start += WindowSlots)
            {
                int slots = (int)Math.Min(WindowSlots, oldTags.Length - start);
                RandomAccess.Read(oldFile, chunk.AsSpan(0, slots * SlotSize), start * SlotSize);
                for (int i = 0; i < slots; i++)
                {
                    if (oldTags[start + i] <= Taken) continue;
                    var record = chunk.AsSpan(i * SlotSize, SlotSize);
                    if (BinaryPrimitives.ReadInt64LittleEndian(record[16..]) < cutoff) continue; // its journey is over
                    ulong hash = BinaryPrimitives.ReadUInt64LittleEndian(record);
                    if (start + i < Home(hash, oldBits))
                    {
                        // Wrapped around the old table's end: it would send the window back to the start; placed last.
                        (wrapped ??= []).Add(record.ToArray());
                        continue;
                    }
                    long slot = Home(hash, bits);
                    while (newTags[slot] != Empty) slot = (slot + 1) & mask;
                    newTags[slot] = oldTags[start + i];
                    count++;
                    if (slot >= windowStart + WindowSlots)
                    {
                        RandomAccess.Write(newFile, window.AsSpan(0, WindowSlots * SlotSize), windowStart * SlotSize);
                        Array.Clear(window, 0, WindowSlots * SlotSize);
                        windowStart = slot & ~(long)(WindowSlots - 1);
                    }
                    if (slot >= windowStart) record.CopyTo(window.AsSpan((int)(slot - windowStart) * SlotSize));
                    else Write(newFile, record, slot); // behind the window (displaced from its home): never written over again
                }
            }
            RandomAccess.Write(newFile, window.AsSpan(0, (int)Math.Min(WindowSlots, newTags.Length - windowStart) * SlotSize), windowStart * SlotSize);
            foreach (var record in wrapped ?? [])
            {
                ulong hash = BinaryPrimitives.ReadUInt64LittleEndian(record);
                long slot = Home(hash, bits);
                while (newTags[slot] != Empty) slot = (slot + 1) & mask;
                newTags[slot] = Tag(hash);
                count++;
                Write(newFile, record, slot);
            }
        }
        catch
        {
            newFile.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            ArrayPool<byte>.Shared.Return(window);
        }
        oldFile.Dispose();
        _file = newFile;
        _tags = newTags;
        _bits = bits;
        _used = Count = count;
        _droppedBefore = cutoff;
    }

    private static long Home(ulong hash, int bits) => (long)(hash >> (64 - bits)); // high bits: a doubled table keeps the order

    private static byte Tag(ulong hash) => (byte)(2 + (uint)(hash & 0xFFFF) % 254);

    private static void Write(SafeFileHandle file, ReadOnlySpan<byte> record, long slot)
    {
        try
        {
            RandomAccess.Write(file, record, slot * SlotSize);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write the customers over the in-flight bound to their file (JourneyAnalyzerOptions.SpillDirectory): {e.Message}", e);
        }
    }

    private static void Read(SafeFileHandle file, Span<byte> record, long slot)
    {
        if (RandomAccess.Read(file, record, slot * SlotSize) != SlotSize)
            throw new IOException("The file of the customers over the in-flight bound was cut short.");
    }

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

    private static bool Matches(ReadOnlySpan<byte> record, ReadOnlySpan<byte> id, ulong hash) =>
        BinaryPrimitives.ReadUInt64LittleEndian(record) == hash
        && BinaryPrimitives.ReadUInt16LittleEndian(record[30..]) == id.Length
        && record.Slice(32, Math.Min(id.Length, InlineId)).SequenceEqual(id[..Math.Min(id.Length, InlineId)]);

    private static void Decode(ReadOnlySpan<byte> record, ref CustomerTable.Customer c)
    {
        c.EnteredTicks = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
        c.LastTicks = BinaryPrimitives.ReadInt64LittleEndian(record[16..]);
        c.Stage = BinaryPrimitives.ReadInt16LittleEndian(record[24..]);
        c.Persona = BinaryPrimitives.ReadUInt16LittleEndian(record[26..]);
        c.LastNode = BinaryPrimitives.ReadUInt16LittleEndian(record[28..]) - 1;
    }
}
