using System.Globalization;

namespace JourneyKit.Benchmarks;

/// <summary>The <c>--name value</c> options of the benchmark program's own modes.</summary>
internal static class BenchArgs
{
    public static bool Has(string[] args, string name) => Array.IndexOf(args, name) >= 0;

    public static int Int(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= 0) return value;
        Console.Error.WriteLine($"{name} needs a whole number of 0 or more.");
        Environment.Exit(2);
        return fallback;
    }
}
