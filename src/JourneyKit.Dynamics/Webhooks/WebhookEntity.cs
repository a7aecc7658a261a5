using System.Globalization;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// A table row as Dataverse sends it in a webhook (<c>Entity</c>): the <c>Target</c> of a Create/Update, or a
/// pre/post image. Attribute values are typed: <see cref="string"/>, <see cref="long"/>, <see cref="decimal"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/> (from <c>/Date(…)/</c>), <see cref="WebhookEntityReference"/>,
/// <see cref="WebhookOptionSetValue"/>, <see cref="WebhookMoney"/>, a nested <see cref="WebhookEntity"/>, a list of
/// values, or the raw JSON object for types JourneyKit does not interpret. A key that is present with a null value
/// means "empty"; a key that is absent means "not sent" (on Update: not changed).
/// </summary>
public sealed record WebhookEntity
{
    /// <summary>The table's logical name, e.g. <c>contact</c>.</summary>
    public required string LogicalName { get; init; }

    /// <summary>The row's id; <see cref="Guid.Empty"/> when Dataverse sent none (e.g. some Create targets).</summary>
    public Guid Id { get; init; }

    /// <summary>The attributes that were sent, by logical name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; init; } = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Display texts of attribute values (choice labels, lookup names), by logical name.</summary>
    public IReadOnlyDictionary<string, string> FormattedValues { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the attribute was sent (possibly with a null value).</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>True when the payload carries the attribute.</returns>
    public bool Contains(string name) => Attributes.ContainsKey(name);

    /// <summary>Reads a text attribute.</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The text, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type.</exception>
    public string? GetString(string name) => Get<string>(name, "text");

    /// <summary>Reads a whole-number attribute.</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The number, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type or does not fit in an <see cref="int"/>.</exception>
    public int? GetInt(string name)
    {
        long? value = Get<long?>(name, "whole number");
        if (value is null) return null;
        if (value is < int.MinValue or > int.MaxValue) throw Mismatch(name, "a whole number within Int32");
        return (int)value.Value;
    }

    /// <summary>Reads a decimal or floating-point attribute (whole numbers are accepted too).</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The number, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type.</exception>
    public decimal? GetDecimal(string name) => Attributes.TryGetValue(name, out object? value) ? value switch
    {
        null => null,
        decimal d => d,
        long l => l,
        WebhookMoney m => m.Value,
        _ => throw Mismatch(name, "a number"),
    } : null;

    /// <summary>Reads a yes/no attribute.</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The value, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type.</exception>
    public bool? GetBool(string name) => Get<bool?>(name, "yes/no value");

    /// <summary>Reads a unique-identifier attribute (sent as a string).</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The id, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute is not a GUID.</exception>
    public Guid? GetGuid(string name)
    {
        string? text = Get<string>(name, "unique identifier");
        if (text is null) return null;
        return Guid.TryParse(text, out var id) ? id : throw Mismatch(name, "a unique identifier");
    }

    /// <summary>Reads a choice attribute.</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The choice's number, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type.</exception>
    public int? GetOptionSetValue(string name) => Get<WebhookOptionSetValue>(name, "choice (OptionSetValue)")?.Value;

    /// <summary>Reads a currency attribute.</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The amount, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type.</exception>
    public decimal? GetMoney(string name) => Get<WebhookMoney>(name, "currency (Money)")?.Value;

    /// <summary>Reads a lookup attribute.</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The reference, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute holds another type.</exception>
    public WebhookEntityReference? GetEntityReference(string name) => Get<WebhookEntityReference>(name, "lookup (EntityReference)");

    /// <summary>Reads a date and time attribute (sent as <c>/Date(ms)/</c> or ISO 8601).</summary>
    /// <param name="name">The attribute's logical name.</param>
    /// <returns>The instant, or null when absent or empty.</returns>
    /// <exception cref="WebhookPayloadException">The attribute is not a date.</exception>
    public DateTimeOffset? GetDateTime(string name) => Attributes.TryGetValue(name, out object? value) ? value switch
    {
        null => null,
        DateTimeOffset d => d,
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => throw Mismatch(name, "a date"),
    } : null;

    private T? Get<T>(string name, string expected)
    {
        if (!Attributes.TryGetValue(name, out object? value) || value is null) return default;
        if (value is T typed) return typed;
        throw Mismatch(name, "a " + expected);
    }

    private WebhookPayloadException Mismatch(string name, string expected)
    {
        object? value = Attributes[name];
        return new WebhookPayloadException(
            $"Attribute '{name}' of {LogicalName} {Id} holds {Describe(value)}, not {expected}.");
    }

    private static string Describe(object? value) => value switch
    {
        string => "text",
        long => "a whole number",
        decimal => "a decimal number",
        bool => "a yes/no value",
        DateTimeOffset => "a date",
        WebhookEntityReference => "a lookup (EntityReference)",
        WebhookOptionSetValue => "a choice (OptionSetValue)",
        WebhookMoney => "a currency value (Money)",
        WebhookEntity => "an entity",
        _ => "a value of another type",
    };
}
