using JourneyKit.Connectors.Enrichment.Objections;
using JourneyKit.Model;
using Microsoft.Extensions.AI;

namespace JourneyKit.Connectors.Tests.Enrichment.Objections;

[TestClass]
public sealed class ChatClientObjectionClassifierTests
{
    [TestMethod]
    public async Task ClassifyAsync_ModelRepliesJson_ObjectionsReadAndTextSentWithInstructions()
    {
        var model = new FakeChatClient("```json\n{\"objections\":[{\"category\":\"Price\",\"excerpt\":\"too steep\"},{\"category\":\"security compliance\",\"excerpt\":\"no SSO\"},{\"category\":\"Price\",\"excerpt\":\"again\"}]}\n```");
        var classifier = new ChatClientObjectionClassifier(model, new ChatClientObjectionClassifierOptions { ModelId = "small" });

        var result = await classifier.ClassifyAsync("The licence is too steep and there is no SSO.", ObjectionTextKind.Note);

        CollectionAssert.AreEqual(new[] { ObjectionCategory.Price, ObjectionCategory.SecurityCompliance }, result.Objections.Select(o => o.Category).ToArray(), "one entry per category");
        Assert.AreEqual("too steep", result.Objections[0].Excerpt);
        Assert.AreEqual(1, model.Calls);
        Assert.AreEqual(ChatClientObjectionClassifier.Instructions, model.LastMessages![0].Text);
        StringAssert.Contains(model.LastMessages[1].Text, "The licence is too steep");
        Assert.AreEqual("small", model.LastOptions!.ModelId);
        Assert.AreEqual(ChatResponseFormat.Json, model.LastOptions.ResponseFormat);
    }

    [TestMethod]
    public async Task ClassifyAsync_ModelSaysNone_NotAnObjection()
    {
        var result = await new ChatClientObjectionClassifier(new FakeChatClient("{\"objections\":[]}")).ClassifyAsync("Left a voicemail.", ObjectionTextKind.Note);
        Assert.IsFalse(result.IsObjection);
    }

    [TestMethod]
    [DataRow("Sure! It is about price.")]
    [DataRow("{\"objections\": \"Price\"}")]
    [DataRow("{not json")]
    [DataRow("")]
    public async Task ClassifyAsync_ReplyNotTheJsonAskedFor_FallsBackToTheRules(string reply)
    {
        var result = await new ChatClientObjectionClassifier(new FakeChatClient(reply)).ClassifyAsync("Too expensive", ObjectionTextKind.LostReason);
        Assert.AreEqual(ObjectionCategory.Price, result.Objections.Single().Category);
    }

    [TestMethod]
    public async Task ClassifyAsync_UnknownCategory_IsOther()
    {
        var result = await new ChatClientObjectionClassifier(new FakeChatClient("{\"objections\":[{\"category\":\"Legal\",\"excerpt\":\"liability cap\"}]}")).ClassifyAsync("Their lawyers refused the liability cap.", ObjectionTextKind.Note);
        Assert.AreEqual(ObjectionCategory.Other, result.Objections.Single().Category);
    }

    private sealed class FakeChatClient(string reply) : IChatClient
    {
        public int Calls { get; private set; }
        public IReadOnlyList<ChatMessage>? LastMessages { get; private set; }
        public ChatOptions? LastOptions { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastMessages = messages.ToList();
            LastOptions = options;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The classifier does not stream.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
