using System.Globalization;

namespace JourneyKit.EndToEnd;

/// <summary>How long the suite runs: short by default, long under <c>JOURNEYKIT_SOAK=1</c> or <c>JOURNEYKIT_SOAK_SEEDS=N</c>.</summary>
internal static class Soak
{
    public static bool On => Environment.GetEnvironmentVariable("JOURNEYKIT_SOAK") is "1" or "true" || SeedsFromEnvironment is not null;

    public static int? SeedsFromEnvironment =>
        int.TryParse(Environment.GetEnvironmentVariable("JOURNEYKIT_SOAK_SEEDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>Chaos seeds per CRM: 24 by default, 100 under soak, or JOURNEYKIT_SOAK_SEEDS.</summary>
    public static int ChaosSeeds => SeedsFromEnvironment ?? (On ? 100 : 24);

    /// <summary>Cases per property: 300 by default, 5,000 under soak.</summary>
    public static int PropertyIterations => On ? 5000 : 300;
}
