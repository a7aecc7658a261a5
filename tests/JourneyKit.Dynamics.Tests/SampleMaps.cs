using JourneyKit.Model;

namespace JourneyKit.Dynamics.Tests;

/// <summary>Small maps whose personas have demographics, for the persona rules and the handler.</summary>
internal static class SampleMaps
{
    public static JourneyMap ThreePersonas() => new()
    {
        Id = "map-1",
        Name = "Social media tool",
        Personas =
        [
            Persona("lucy", 0.5,
                [("Marketing Director", 40), ("Head Of Marketing", 25), ("Other", 30), ("Unknown", 10)],
                [("50-199", 50), ("200-499", 30), ("1-9", 5), ("Unknown", 40)]),
            Persona("frank", 0.3,
                [("Chief Financial Officer", 30), ("Finance Manager", 20), ("IT", 5)],
                [("1000+", 60), ("500-999", 20), ("50-199", 20)]),
            Persona("sam", 0.8,
                [("Founder", 50), ("Owner", 30)],
                [("1-9", 70), ("10-49", 30)]),
        ],
    };

    public static Persona Persona(string id, double value, (string, long)[] professions, (string, long)[] sizes) => new()
    {
        Id = id,
        Name = id,
        BusinessValue = value,
        Demographics = new Demographics
        {
            Professions = Distribution.FromCounts(professions.Select(p => new KeyValuePair<string, long>(p.Item1, p.Item2))),
            CompanySizeBands = Distribution.FromCounts(sizes.Select(p => new KeyValuePair<string, long>(p.Item1, p.Item2))),
        },
    };
}
