using JourneyKit.Model;
using Microsoft.Extensions.AI;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Connectors.Enrichment.Objections;

/// <summary>
/// An <see cref="IObjectionClassifier"/> over a chat model you bring (<see cref="IChatClient"/> from Microsoft.Extensions.AI:
/// OpenAI, Azure OpenAI, Ollama, a local ONNX model…). Never used unless you choose it: each text is one request to the
/// model, so a populate sends every lost reason and note to it. The model is asked for JSON; a reply that is not the JSON
/// asked for is classified by <see cref="ChatClientObjectionClassifierOptions.Fallback"/> instead.
/// </summary>
/// <remarks>Text sent to the model is CRM data: it may hold names and e-mail addresses. Send it only to a model you may send them to.</remarks>
public sealed class ChatClientObjectionClassifier : IObjectionClassifier
{
    /// <summary>The instructions sent before each text.</summary>
    public const string Instructions =
        "You read one text from a CRM (a lost-deal reason, a note, a call log, an e-mail) and say whether the customer voiced " +
        "an objection to buying: a reason for not buying or not buying yet. Activity logs, voicemails, meeting summaries, " +
        "signatures, answered questions and concerns said to be resolved are not objections. The text may be in English or French. " +
        "Reply with JSON only: {\"objections\":[{\"category\":\"<category>\",\"excerpt\":\"<the words that voice it>\"}]}, one entry per " +
        "distinct objection, or {\"objections\":[]} when there is none. Category is one of: Price, Timing, Authority, Need, Trust, " +
        "Competitor, Complexity, SecurityCompliance, Integration, Other.";

    private readonly IChatClient _client;
    private readonly ChatClientObjectionClassifierOptions _options;

    /// <summary>Creates the classifier.</summary>
    /// <param name="client">The chat model.</param>
    /// <param name="options">Options; null uses the defaults.</param>
    public ChatClientObjectionClassifier(IChatClient client, ChatClientObjectionClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ChatClientObjectionClassifierOptions();
    }

    /// <inheritdoc />
    public async ValueTask<ObjectionClassification> ClassifyAsync(string text, ObjectionTextKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return ObjectionClassification.None;
        var what = kind == ObjectionTextKind.LostReason ? "The reason a deal was lost" : "A CRM note";
        ChatMessage[] messages =
        [
            new(ChatRole.System, Instructions),
            new(ChatRole.User, $"{what}:\n{text}"),
        ];
        var chatOptions = new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0, ModelId = _options.ModelId };
        var response = await _client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        return Parse(response.Text) ?? await _options.Fallback.ClassifyAsync(text, kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the model's reply; null when it is not the JSON asked for.</summary>
    internal static ObjectionClassification? Parse(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return null;
        var json = reply.Trim();
        // Models often wrap JSON in a Markdown fence.
        int start = json.IndexOf('{', StringComparison.Ordinal), end = json.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        JObject root;
        try
        {
            root = JObject.Parse(json[start..(end + 1)]);
        }
        catch (JsonReaderException)
        {
            return null;
        }
        if (root["objections"] is not JArray items) return null;
        var found = new List<DetectedObjection>();
        foreach (var item in items.OfType<JObject>())
        {
            var name = ((string?)item["category"])?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("&", string.Empty, StringComparison.Ordinal);
            var category = Enum.TryParse<ObjectionCategory>(name, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : ObjectionCategory.Other;
            if (found.Any(f => f.Category == category)) continue;
            found.Add(new DetectedObjection { Category = category, Excerpt = ((string?)item["excerpt"])?.Trim() ?? string.Empty });
        }
        return found.Count == 0 ? ObjectionClassification.None : new ObjectionClassification { Objections = found };
    }
}
