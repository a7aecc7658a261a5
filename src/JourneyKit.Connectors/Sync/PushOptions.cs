namespace JourneyKit.Connectors.Sync;

/// <summary>Options for <see cref="SyncEngine.PushAsync"/> and <see cref="SyncEngine.PlanPushAsync"/>.</summary>
public sealed class PushOptions
{
    /// <summary>How many contacts each write carries; null uses the connector's maximum.</summary>
    /// <value>The default is null.</value>
    public int? BatchSize { get; init; }
}
