using JourneyKit.Connectors.HubSpot.Models;

namespace JourneyKit.Connectors.HubSpot;

public partial class HubSpotConnector
{
    // Enumeration properties store internal values (NON_BINARY, COMPUTER_SOFTWARE); people read the portal's option
    // labels ("Non-binary", "Computer Software"), which only the property definitions hold. Read once per connector.
    private Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>? _optionLabels;

    /// <summary>The option labels of the enumeration properties this connector reads, by property then internal value.</summary>
    private Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> OptionLabelsAsync(CancellationToken cancellationToken)
    {
        var task = _optionLabels;
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            task = LoadOptionLabelsAsync(cancellationToken);
            _optionLabels = task;
        }
        return task;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> LoadOptionLabelsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HubSpotProperty> definitions;
        try
        {
            definitions = await _client.Properties.ListAsync("contacts", cancellationToken).ConfigureAwait(false);
        }
        catch (HubSpotException e) when (e.StatusCode == 403)
        {
            // A token without the schema scope (crm.schemas.contacts.read) can still read contacts: show the stored values.
            return new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        }
        var wanted = _contactProperties.ToHashSet(StringComparer.Ordinal);
        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var p in definitions)
        {
            if (!wanted.Contains(p.Name) || !string.Equals(p.Type, "enumeration", StringComparison.Ordinal) || p.Options.Count == 0) continue;
            var byValue = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var o in p.Options)
            {
                if (!string.IsNullOrEmpty(o.Value) && !string.IsNullOrWhiteSpace(o.Label)) byValue.TryAdd(o.Value, o.Label);
            }
            if (byValue.Count > 0) labels[p.Name] = byValue;
        }
        return labels;
    }

    /// <summary>A property's value as people read it: the option label of an enumeration (each of a multi-select's <c>;</c>-separated values), else the value.</summary>
    private static string? Labelled(HubSpotObject contact, string? property, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> labels)
    {
        if (property is null) return null;
        var value = contact.Get(property);
        if (value is null || !labels.TryGetValue(property, out var options)) return value;
        if (options.TryGetValue(value, out var label)) return label;
        if (!value.Contains(';', StringComparison.Ordinal)) return value;
        return string.Join("; ", value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => options.TryGetValue(v, out var l) ? l : v));
    }
}
