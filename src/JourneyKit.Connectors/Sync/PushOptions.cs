namespace JourneyKit.Connectors.Sync;

/// <summary>Options for <see cref="SyncEngine.PushAsync"/> and <see cref="SyncEngine.PlanPushAsync"/>.</summary>
public sealed class PushOptions
{
    /// <summary>How many contacts each write carries; null uses the connector's maximum.</summary>
    /// <value>The default is null.</value>
    public int? BatchSize { get; init; }

    /// <summary>
    /// Whether the push is incremental: only contacts whose persona, or whose persona's text (name and top objections as
    /// reps read them), changed since the last successful push are written, and the members come from the state store
    /// where an incremental populate kept them. What each contact was sent is kept in the state store.
    /// </summary>
    /// <value>The default is false: every member is written.</value>
    public bool Incremental { get; init; }

    /// <summary>
    /// With <see cref="Incremental"/>, how far an objection's share may move (as a fraction: 0.02 is two points) from what
    /// a persona's contacts were last sent before they are written again; a change of wording, order or answer always
    /// writes them, and so does an objection reaching this share among the top five (one below it does not). The shares a
    /// contact shows may lag by less than this; <see cref="Full"/> writes them exactly.
    /// </summary>
    /// <value>The default is 0.02.</value>
    public double ShareTolerance { get; init; } = 0.02;

    /// <summary>With <see cref="Incremental"/>, writes every contact (and the schema and personas) whatever was pushed before.</summary>
    /// <value>The default is false.</value>
    public bool Full { get; init; }
}
