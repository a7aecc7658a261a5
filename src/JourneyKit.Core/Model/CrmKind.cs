using System.ComponentModel;
using JourneyKit.Serialization;
using Newtonsoft.Json;

namespace JourneyKit.Model;

/// <summary>
/// The CRM a segment or record comes from: an extensible, string-backed value (the Azure SDK's extensible-enum
/// pattern), so a connector for another CRM brings its own kind without a change to JourneyKit. In JSON it is its
/// <see cref="Value"/> (<c>"hubSpot"</c>, <c>"dataverse"</c>), read back case-insensitively.
/// </summary>
[JsonConverter(typeof(CrmKindJsonConverter))]
public readonly struct CrmKind : IEquatable<CrmKind>, IComparable<CrmKind>
{
    private readonly string? _value;
    private readonly string? _displayName;

    /// <summary>Creates a CRM kind.</summary>
    /// <param name="value">Its JSON spelling, e.g. <c>"salesforce"</c>; compared case-insensitively.</param>
    /// <param name="displayName">Its name in messages and state keys, e.g. <c>"Salesforce"</c>; null uses <paramref name="value"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public CrmKind(string value, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
        _displayName = displayName;
    }

    /// <summary>HubSpot CRM (v3 REST API).</summary>
    public static CrmKind HubSpot { get; } = new("hubSpot", "HubSpot");

    /// <summary>Microsoft Dataverse / Dynamics 365 (Web API).</summary>
    public static CrmKind Dataverse { get; } = new("dataverse", "Dataverse");

    /// <summary>The kinds JourneyKit ships connectors for, in their order.</summary>
    public static IReadOnlyList<CrmKind> Known { get; } = [HubSpot, Dataverse];

    /// <summary>The JSON spelling.</summary>
    /// <value>For example <c>"hubSpot"</c>; empty for the default value.</value>
    public string Value => _value ?? string.Empty;

    /// <summary>The name in messages and state keys.</summary>
    /// <value>For example <c>"HubSpot"</c>; the <see cref="Value"/> when none was given.</value>
    public string DisplayName => _displayName ?? Value;

    /// <summary>The kind with this spelling: one of <see cref="Known"/> when it matches one (ignoring case), else a new kind.</summary>
    /// <param name="value">The spelling.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public static CrmKind FromValue(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        foreach (var known in Known)
        {
            if (string.Equals(known.Value, value, StringComparison.OrdinalIgnoreCase)) return known;
        }
        return new CrmKind(value);
    }

    /// <inheritdoc />
    public bool Equals(CrmKind other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is CrmKind other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The known kinds first in their order (HubSpot, Dataverse), then the others by value.</summary>
    /// <param name="other">The other kind.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(CrmKind other)
    {
        int rank = Rank(this).CompareTo(Rank(other));
        return rank != 0 ? rank : string.Compare(Value, other.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <see cref="DisplayName"/>.</summary>
    /// <returns>The display name.</returns>
    public override string ToString() => DisplayName;

    /// <summary>Whether two kinds are the same CRM.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns>True when their values are equal ignoring case.</returns>
    public static bool operator ==(CrmKind left, CrmKind right) => left.Equals(right);

    /// <summary>Whether two kinds are different CRMs.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns>True when their values differ ignoring case.</returns>
    public static bool operator !=(CrmKind left, CrmKind right) => !left.Equals(right);

    /// <summary>Orders kinds as <see cref="CompareTo"/> does.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns>True when <paramref name="left"/> comes first.</returns>
    public static bool operator <(CrmKind left, CrmKind right) => left.CompareTo(right) < 0;

    /// <summary>Orders kinds as <see cref="CompareTo"/> does.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns>True when <paramref name="left"/> comes first or is the same.</returns>
    public static bool operator <=(CrmKind left, CrmKind right) => left.CompareTo(right) <= 0;

    /// <summary>Orders kinds as <see cref="CompareTo"/> does.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns>True when <paramref name="left"/> comes after.</returns>
    public static bool operator >(CrmKind left, CrmKind right) => left.CompareTo(right) > 0;

    /// <summary>Orders kinds as <see cref="CompareTo"/> does.</summary>
    /// <param name="left">A kind.</param>
    /// <param name="right">Another kind.</param>
    /// <returns>True when <paramref name="left"/> comes after or is the same.</returns>
    public static bool operator >=(CrmKind left, CrmKind right) => left.CompareTo(right) >= 0;

    private static int Rank(CrmKind kind)
    {
        for (int i = 0; i < Known.Count; i++)
        {
            if (Known[i].Equals(kind)) return i;
        }
        return Known.Count;
    }
}
