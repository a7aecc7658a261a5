namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>Options for <see cref="ChatClientObjectionClassifier"/>.</summary>
public sealed class ChatClientObjectionClassifierOptions
{
    /// <summary>The model to ask for, when the chat client serves several.</summary>
    /// <value>The default is null: the client's own default model.</value>
    public string? ModelId { get; init; }

    /// <summary>Classifies a text whose reply from the model is not the JSON asked for.</summary>
    /// <value>The default is <see cref="RuleObjectionClassifier.Instance"/>.</value>
    public IObjectionClassifier Fallback { get; init; } = RuleObjectionClassifier.Instance;
}
