namespace JourneyKit.Dynamics.Webhooks;

/// <summary>The handler's answer to a webhook call.</summary>
/// <param name="StatusCode">The HTTP status to return: 200, 400, 401, 500 or 503.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="Message">A short explanation (no secrets, no contact data beyond ids).</param>
/// <param name="PersonaId">The persona written, when <see cref="WebhookOutcome.Applied"/>.</param>
public sealed record WebhookResponse(int StatusCode, WebhookOutcome Outcome, string Message, string? PersonaId = null);
