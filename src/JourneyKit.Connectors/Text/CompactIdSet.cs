using System.Globalization;

namespace JourneyKit.Connectors.Text;

/// <summary>
/// A set of CRM record ids that keeps the ids CRMs actually use in a fixed number of bytes: HubSpot's numeric ids as
/// 64-bit numbers (about 20 bytes an id, against about 80 as strings in a <see cref="HashSet{T}"/>), Dataverse's GUIDs
/// as <see cref="Guid"/> (about 28 bytes, against about 120); any other id is kept as a string. Two ids are the same
/// exactly when the string comparison the set was made with says so: a number is stored as one only in its canonical
/// spelling ("123", not "0123" or "+123"), a GUID only when that comparison cannot tell its spellings apart or it is in
/// the lower-case <c>D</c> form.
/// </summary>
internal sealed class CompactIdSet
{
    private readonly bool _ignoreCase;
    private readonly HashSet<long> _numbers = [];
    private readonly HashSet<Guid> _guids = [];
    private readonly HashSet<string> _others;

    /// <summary>Creates an empty set.</summary>
    /// <param name="ignoreCase">Whether ids differing only in case are the same (Dataverse), or not (HubSpot).</param>
    public CompactIdSet(bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        _others = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    /// <summary>How many ids the set holds.</summary>
    public int Count => _numbers.Count + _guids.Count + _others.Count;

    /// <summary>Adds an id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>True when it was not in the set yet.</returns>
    public bool Add(string id) => Classify(id, out var number, out var guid) switch
    {
        Kind.Number => _numbers.Add(number),
        Kind.Guid => _guids.Add(guid),
        _ => _others.Add(id),
    };

    /// <summary>Whether the set holds an id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>True when it does.</returns>
    public bool Contains(string id) => Classify(id, out var number, out var guid) switch
    {
        Kind.Number => _numbers.Contains(number),
        Kind.Guid => _guids.Contains(guid),
        _ => _others.Contains(id),
    };

    private enum Kind
    {
        Other,
        Number,
        Guid,
    }

    /// <summary>Which of the three sets an id belongs in, with its number or GUID.</summary>
    private Kind Classify(string id, out long number, out Guid guid)
    {
        ArgumentNullException.ThrowIfNull(id);
        number = 0;
        guid = default;
        if (IsCanonicalNumber(id))
        {
            number = long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
            return Kind.Number;
        }
        return id.Length == 36 && Guid.TryParseExact(id, "D", out guid) && (_ignoreCase || IsLowerCase(id)) ? Kind.Guid : Kind.Other;
    }

    // 1 to 18 digits without a leading zero (or "0" itself): every such string is one long and back, so equal numbers are equal strings.
    private static bool IsCanonicalNumber(string id)
    {
        if (id.Length is 0 or > 18 || (id[0] == '0' && id.Length > 1)) return false;
        foreach (var c in id)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }

    private static bool IsLowerCase(string id)
    {
        foreach (var c in id)
        {
            if (c is >= 'A' and <= 'F') return false;
        }
        return true;
    }
}
