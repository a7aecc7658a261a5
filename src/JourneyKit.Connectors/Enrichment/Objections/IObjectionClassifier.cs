namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>
/// Tells whether a piece of CRM text voices an objection, and which. The default is
/// <see cref="RuleObjectionClassifier"/>; register another (a model of your own, <see cref="ChatClientObjectionClassifier"/> over a chat model)
/// with <c>services.AddSingleton&lt;IObjectionClassifier, MyClassifier&gt;()</c> or pass it to the <see cref="Sync.SyncEngine"/>.
/// </summary>
/// <remarks>An implementation is called once per text, possibly from several threads at once, and must be thread-safe.</remarks>
public interface IObjectionClassifier
{
    /// <summary>Classifies one text.</summary>
    /// <param name="text">The text, HTML already stripped; may hold a signature, quoted replies, names and numbers.</param>
    /// <param name="kind">What the text is: a lost reason is an objection by nature, a note only when it says one.</param>
    /// <param name="cancellationToken">Cancels the classification.</param>
    /// <returns>The objections found; <see cref="ObjectionClassification.None"/> when the text voices none.</returns>
    ValueTask<ObjectionClassification> ClassifyAsync(string text, ObjectionTextKind kind, CancellationToken cancellationToken = default);
}
