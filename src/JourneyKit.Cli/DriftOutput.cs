using System.Globalization;
using JourneyKit.Model;
using Spectre.Console;

namespace JourneyKit.Cli;

/// <summary>Prints persona drift (what a populate measured, or what moved between two versions) the same way in every command.</summary>
internal static class DriftOutput
{
    /// <summary>Prints a table of the drifted dimensions of the given personas, or one line saying none drifted.</summary>
    /// <returns>Whether any persona drifted.</returns>
    public static bool Write(CliContext context, IEnumerable<Persona> personas)
    {
        var measured = personas.Where(p => p.Drift is not null).ToList();
        if (measured.Count == 0) return false;
        var drifted = measured.SelectMany(p => p.Drift!.Drifted.Select(d => (Persona: p, Dimension: d))).ToList();
        var thresholds = measured[0].Drift!;
        string limits = string.Create(CultureInfo.InvariantCulture, $"shift ≥ {thresholds.ShiftThreshold:0.##} from the previous version or ≥ {thresholds.MismatchThreshold * 100:0}% outside the expectation");
        if (drifted.Count == 0)
        {
            context.Output.WriteLine($"Drift: no persona drifted ({limits} would count).");
            return false;
        }
        var table = new Table().AddColumns("Drifted persona", "Dimension", "Shift", "Outside expectation", "Moved");
        foreach (var (persona, dimension) in drifted)
        {
            table.AddRow(Markup.Escape(persona.Name), Markup.Escape(dimension.Name),
                dimension.Shift is double s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "-",
                dimension.Mismatch is double m ? m.ToString("0%", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(string.Join("; ", dimension.Moves.Select(Move))));
        }
        context.Console.Write(table);
        context.Output.WriteLine($"Drift: {drifted.Select(d => d.Persona.Id).Distinct().Count()} persona(s) drifted ({limits}).");
        return true;
    }

    /// <summary>A move as a person reads it: "35-44 30% → 50%".</summary>
    public static string Move(ShareMove move) =>
        string.Create(CultureInfo.InvariantCulture, $"{move.Label} {move.PreviousShare * 100:0}% → {move.Share * 100:0}%");
}
