namespace JourneyKit.Dynamics.Webhooks;

/// <summary>What the handler did with a webhook call.</summary>
public enum WebhookOutcome
{
    /// <summary>The persona was decided and written (200).</summary>
    Applied,

    /// <summary>Not an event JourneyKit acts on: another message or table, a nested or own update (200).</summary>
    Ignored,

    /// <summary>An event JourneyKit acts on, but it could not decide: attributes missing or no rule matched (200).</summary>
    Skipped,

    /// <summary>The write failed in a way a retry cannot fix (200, so Dataverse does not retry; the reason is logged).</summary>
    NotApplied,

    /// <summary>The webhook key was missing or wrong (401).</summary>
    Unauthorized,

    /// <summary>The body is not a RemoteExecutionContext JourneyKit can read (400).</summary>
    BadRequest,

    /// <summary>A transient failure or timeout: Dataverse should retry (503).</summary>
    RetryLater,

    /// <summary>An unexpected error in JourneyKit (500).</summary>
    Failed,
}
