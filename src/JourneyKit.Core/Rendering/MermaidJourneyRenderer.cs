using System.Globalization;
using System.Text;
using JourneyKit.Model;

namespace JourneyKit.Rendering;

/// <summary>
/// Writes the map as a Mermaid <c>journey</c> diagram: one section per stage, one task per touchpoint with a
/// 1–5 score (the touchpoint's mean satisfaction, rounded; 3 when it has none) and its actors (the touchpoint's
/// personas, else its owner team, else all personas). A measured map's sections also say how many customers
/// entered each stage and the share that went on (over every measured persona).
/// Characters Mermaid's journey grammar cannot take in text (<c>#</c>, <c>:</c>, <c>;</c>, and <c>,</c> in actor
/// names) are written as Mermaid entity codes such as <c>#58;</c>, which Mermaid shows as the character; line
/// breaks become spaces.
/// </summary>
public sealed class MermaidJourneyRenderer : IMapRenderer
{
    /// <summary>The score given to a touchpoint with no satisfaction measured: the neutral middle of 1–5.</summary>
    public const int DefaultScore = 3;

    private const int TasksPerChunk = 256;

    /// <inheritdoc />
    public string Format => "mermaid";

    /// <inheritdoc />
    public string FileExtension => ".mmd";

    /// <summary>Renders the map to Mermaid text.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The diagram's source, starting with <c>journey</c>.</returns>
    public string Render(JourneyMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ChunkedText.ToText(sb => Chunks(map, sb, int.MaxValue));
    }

    /// <inheritdoc />
    public Task RenderAsync(JourneyMap map, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ChunkedText.WriteAsync(sb => Chunks(map, sb, TasksPerChunk), writer, cancellationToken);
    }

    /// <summary>Rounds a mean satisfaction to the 1–5 integer score Mermaid takes.</summary>
    /// <param name="satisfaction">The satisfaction, or null.</param>
    /// <returns>The score, from 1 to 5.</returns>
    public static int Score(Satisfaction? satisfaction) =>
        satisfaction is null || double.IsNaN(satisfaction.Score)
            ? DefaultScore
            : (int)Math.Clamp(Math.Round(satisfaction.Score, MidpointRounding.AwayFromZero), 1, 5);

    /// <summary>Makes text safe for one Mermaid journey title, section, task or actor.</summary>
    /// <param name="text">The text.</param>
    /// <param name="isActor">Whether the text is an actor name, where a comma would split it in two.</param>
    /// <returns>The escaped text, on one line, never empty.</returns>
    public static string Escape(string? text, bool isActor = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return "-";
        var sb = new StringBuilder(text.Length + 8);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // Line breaks end a statement in Mermaid; runs of whitespace collapse to one space.
                if (!space) sb.Append(' ');
                space = true;
                continue;
            }
            space = false;
            switch (c)
            {
                case '#': sb.Append("#35;"); break;
                case ':': sb.Append("#58;"); break;
                case ';': sb.Append("#59;"); break;
                case '%': sb.Append("#37;"); break; // "%%" would start a comment or directive.
                case ',' when isActor: sb.Append("#44;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<int> Chunks(JourneyMap map, StringBuilder sb, int tasksPerChunk)
    {
        sb.Append("journey\n");
        sb.Append("    title ").Append(Escape(map.Name)).Append('\n');
        var personas = RenderOrdering.PersonasById(map);
        var byStage = RenderOrdering.Touchpoints(map).ToLookup(t => t.StageId);
        int tasks = 0;
        var stages = RenderOrdering.Stages(map);
        var known = stages.Select(s => s.Id).ToHashSet();
        var sections = stages.Select(s => (s.Name, Id: (StageId?)s.Id, Touchpoints: byStage[s.Id]))
            .Concat(byStage.Where(g => !known.Contains(g.Key)).Select(g => (Name: g.Key.Value, Id: (StageId?)null, Touchpoints: (IEnumerable<Touchpoint>)g)));
        foreach (var (name, id, touchpoints) in sections)
        {
            sb.Append("    section ").Append(Escape(map.Measurement is { } m && id is { } stage ? Measured(name, m, stage) : name)).Append('\n');
            foreach (var t in touchpoints)
            {
                sb.Append("      ").Append(Escape(t.Name)).Append(": ")
                  .Append(Score(t.Satisfaction).ToString(CultureInfo.InvariantCulture));
                var actors = Actors(t, map, personas);
                if (actors.Count > 0) sb.Append(": ").Append(string.Join(", ", actors.Select(a => Escape(a, isActor: true))));
                sb.Append('\n');
                if (++tasks % tasksPerChunk == 0) yield return tasks;
            }
        }
        yield return tasks;
    }

    /// <summary>A measured stage's section title: its name, then how many customers entered it and the share that went on ("Awareness (2000 entered, 88% to next)").</summary>
    private static string Measured(string name, Measurement measurement, StageId stage)
    {
        if (MeasuredTotals.Stage(measurement, stage) is not { } totals) return name;
        var (entered, converted) = totals;
        var text = string.Create(CultureInfo.InvariantCulture, $"{name} ({entered} entered");
        if (converted is long c && entered > 0) text += string.Create(CultureInfo.InvariantCulture, $", {Math.Round(100.0 * c / entered):0}% to next");
        return text + ")";
    }

    private static List<string> Actors(Touchpoint t, JourneyMap map, Dictionary<PersonaId, Persona> personas)
    {
        if (t.PersonaIds.Count > 0)
            return t.PersonaIds.Select(id => personas.TryGetValue(id, out var p) ? p.Name : id.Value).ToList();
        if (!string.IsNullOrWhiteSpace(t.OwnerTeam)) return [t.OwnerTeam];
        return map.Personas.Select(p => p.Name).ToList();
    }
}
