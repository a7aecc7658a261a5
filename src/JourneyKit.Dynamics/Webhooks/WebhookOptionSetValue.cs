namespace JourneyKit.Dynamics.Webhooks;

/// <summary>A choice value in a webhook payload (<c>OptionSetValue</c>).</summary>
/// <param name="Value">The choice's number, e.g. 1 for <c>gendercode</c> male.</param>
public sealed record WebhookOptionSetValue(int Value);
