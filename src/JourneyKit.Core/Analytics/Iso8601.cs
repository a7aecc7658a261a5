using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace JourneyKit.Analytics;

/// <summary>
/// Timestamps of the events formats: a hand-rolled parser for the common shapes
/// (<c>2026-01-31T09:30:00Z</c>, with a fraction of 1–7 digits, <c>Z</c>, an offset <c>±hh:mm</c> or none,
/// a space for the <c>T</c>, a date alone) and the strict <see cref="DateTimeOffset.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>
/// over the documented formats for anything else, so both accept exactly the same texts.
/// </summary>
internal static class Iso8601
{
    public static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    private static readonly int[] DaysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    /// <summary>Parses a timestamp; without an offset it is UTC.</summary>
    public static bool TryParse<T>(ReadOnlySpan<T> text, out long utcTicks, out int offsetMinutes)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (TryParseFast(text, out utcTicks, out offsetMinutes)) return true;
        if (!DateTimeOffset.TryParseExact(ToString(text), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        utcTicks = parsed.UtcTicks;
        offsetMinutes = (int)(parsed.Offset.Ticks / TimeSpan.TicksPerMinute);
        return true;
    }

    private static string ToString<T>(ReadOnlySpan<T> text) where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(byte)) return Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(text));
        return new string(System.Runtime.InteropServices.MemoryMarshal.Cast<T, char>(text));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit<T>(ReadOnlySpan<T> s, int i) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]) - '0';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Is<T>(ReadOnlySpan<T> s, int i, char c) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]) == c;

    private static bool TwoDigits<T>(ReadOnlySpan<T> s, int i, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        int a = Digit(s, i), b = Digit(s, i + 1);
        value = a * 10 + b;
        return (uint)a <= 9 && (uint)b <= 9;
    }

    private static bool TryParseFast<T>(ReadOnlySpan<T> s, out long utcTicks, out int offsetMinutes) where T : unmanaged, IBinaryInteger<T>
    {
        utcTicks = 0;
        offsetMinutes = 0;
        if (s.Length < 10 || !Is(s, 4, '-') || !Is(s, 7, '-')) return false;
        if (!TwoDigits(s, 0, out int y1) || !TwoDigits(s, 2, out int y2) || !TwoDigits(s, 5, out int month) || !TwoDigits(s, 8, out int day)) return false;
        int year = y1 * 100 + y2;
        if (year < 1 || month is < 1 or > 12) return false;
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int monthDays = DaysBeforeMonth[month] - DaysBeforeMonth[month - 1] + (month == 2 && leap ? 1 : 0);
        if (day < 1 || day > monthDays) return false;
        int y = year - 1;
        long days = y * 365L + y / 4 - y / 100 + y / 400 + DaysBeforeMonth[month - 1] + (month > 2 && leap ? 1 : 0) + day - 1;
        long ticks = days * TimeSpan.TicksPerDay;
        if (s.Length == 10)
        {
            utcTicks = ticks;
            return true;
        }

        // Time: the 'T' form takes seconds or not; the space form always has them.
        bool t = Is(s, 10, 'T');
        if (!t && !Is(s, 10, ' ')) return false;
        if (s.Length < 16 || !TwoDigits(s, 11, out int hour) || !Is(s, 13, ':') || !TwoDigits(s, 14, out int minute) || hour > 23 || minute > 59) return false;
        ticks += hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute;
        int i = 16;
        if (i < s.Length && Is(s, i, ':'))
        {
            if (s.Length < 19 || !TwoDigits(s, 17, out int second) || second > 59) return false;
            ticks += second * TimeSpan.TicksPerSecond;
            i = 19;
            if (i < s.Length && Is(s, i, '.'))
            {
                int start = ++i;
                long fraction = 0;
                while (i < s.Length && i - start < 7 && (uint)Digit(s, i) <= 9) fraction = fraction * 10 + Digit(s, i++);
                int digits = i - start;
                if (digits == 0) return false;
                for (int k = digits; k < 7; k++) fraction *= 10;
                ticks += fraction;
            }
        }
        else if (!t)
        {
            return false;
        }

        int offset = 0;
        if (i < s.Length)
        {
            if (Is(s, i, 'Z'))
            {
                i++;
            }
            else if (Is(s, i, '+') || Is(s, i, '-'))
            {
                if (s.Length - i != 6 || !TwoDigits(s, i + 1, out int oh) || !Is(s, i + 3, ':') || !TwoDigits(s, i + 4, out int om) || om > 59) return false;
                offset = oh * 60 + om;
                if (offset > 14 * 60) return false;
                if (Is(s, i, '-')) offset = -offset;
                i += 6;
            }
            if (i != s.Length) return false;
        }
        long utc = ticks - offset * TimeSpan.TicksPerMinute;
        if (utc < 0 || utc > DateTime.MaxValue.Ticks) return false; // let the strict parser decide at the edges
        utcTicks = utc;
        offsetMinutes = offset;
        return true;
    }
}
