using System.Collections;
using System.Text;

namespace JourneyKit.Connectors.Text;

/// <summary>
/// A list of strings kept as UTF-8 bytes in one growing buffer (an id of 36 ASCII characters takes 36 bytes and an
/// offset, not a 94-byte string object); enumerating makes each string when it is reached. For the large batches of
/// ids the sync engine hands a connector in one call.
/// </summary>
internal sealed class CompactStringList : IReadOnlyCollection<string>
{
    private byte[] _bytes = new byte[4096];
    private int _length;
    private readonly List<int> _ends = [];

    /// <inheritdoc />
    public int Count => _ends.Count;

    /// <summary>Adds a string, or the part of one after <paramref name="start"/>.</summary>
    public void Add(string value, int start = 0)
    {
        var chars = value.AsSpan(start);
        int needed = Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (_length + needed > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + needed));
        _length += Encoding.UTF8.GetBytes(chars, _bytes.AsSpan(_length));
        _ends.Add(_length);
    }

    /// <summary>Empties the list, keeping its buffer.</summary>
    public void Clear()
    {
        _length = 0;
        _ends.Clear();
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        int start = 0;
        for (var i = 0; i < _ends.Count; i++)
        {
            int end = _ends[i];
            yield return Encoding.UTF8.GetString(_bytes, start, end - start);
            start = end;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
