using System.Globalization;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;
using Riok.Mapperly.Abstractions;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// Maps HubSpot records to JourneyKit's neutral ones at compile time. Values HubSpot stores as text are parsed
/// leniently: a value that cannot be read (a typo in a number) becomes null rather than failing the whole sync.
/// Only mapping methods live here: Mapperly applies any method of a matching type pair to every member.
/// </summary>
[Mapper]
internal static partial class HubSpotMapper
{
    [MapValue(nameof(CrmContact.Crm), Use = nameof(HubSpotKind))]
    public static partial CrmContact ToCrmContact(HubSpotContactRecord record);

    private static CrmKind HubSpotKind() => CrmKind.HubSpot;

    private static int? ParseInt(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d is >= int.MinValue and <= int.MaxValue) return (int)Math.Round(d);
        // HubSpot's default numemployees is a range enumeration: "1-5", "25-50", "1000+". Take the middle of a range, the floor of an open one.
        var dash = v.IndexOf('-', 1);
        if (dash > 0 && int.TryParse(v.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var lo)
            && int.TryParse(v.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var hi)) return (lo + hi) / 2;
        if (v.EndsWith('+') && int.TryParse(v.AsSpan(0, v.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var floor)) return floor;
        return null;
    }

    private static decimal? ParseDecimal(string? value) =>
        !string.IsNullOrWhiteSpace(value) && decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        // Date properties may also come as midnight-UTC epoch milliseconds, or as ISO instants.
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && ms is > -62135596800000 and < 253402300799999)
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
        return DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? DateOnly.FromDateTime(t.UtcDateTime) : null;
    }
}
