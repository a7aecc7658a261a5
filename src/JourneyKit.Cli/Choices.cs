using System.CommandLine;

namespace JourneyKit.Cli;

/// <summary>Options whose value is one of a few words, matched without regard to case (<c>-f HTML</c> is <c>html</c>).</summary>
internal static class Choices
{
    /// <summary>An option that accepts one of <paramref name="values"/> in any case and gives it in the listed spelling.</summary>
    public static Option<string> Create(string name, string description, IReadOnlyList<string> values, string? defaultValue, params string[] aliases)
    {
        var option = new Option<string>(name, aliases)
        {
            Description = description,
            HelpName = string.Join("|", values),
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0) return defaultValue!;
                var text = result.Tokens[0].Value;
                var match = values.FirstOrDefault(v => string.Equals(v, text.Trim(), StringComparison.OrdinalIgnoreCase));
                if (match is not null) return match;
                var near = Suggestions.Closest(text, values);
                result.AddError($"{name} must be one of {string.Join(", ", values)}, not '{text}'.{(near is null ? string.Empty : $" Did you mean '{near}'?")}");
                return defaultValue!;
            },
        };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        option.CompletionSources.Add(values.ToArray());
        return option;
    }
}
