namespace JourneyKit.Dynamics.Webhooks;

/// <summary>A currency value in a webhook payload (<c>Money</c>).</summary>
/// <param name="Value">The amount, in the row's transaction currency.</param>
public sealed record WebhookMoney(decimal Value);
