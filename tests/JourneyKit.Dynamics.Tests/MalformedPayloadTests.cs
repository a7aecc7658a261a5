using JourneyKit.Dynamics.Webhooks;

namespace JourneyKit.Dynamics.Tests;

/// <summary>Damaged bodies: the parser and the handler give a clear answer, never a crash.</summary>
[TestClass]
public sealed class MalformedPayloadTests
{
    [TestMethod]
    [DataRow("contact-create.json")]
    [DataRow("contact-update.json")]
    public void Parse_EveryTruncation_ThrowsOnlyWebhookPayloadExceptionWithPath(string file)
    {
        string json = TestFiles.Read(file);
        for (int length = 0; length < json.TrimEnd().Length; length++)
        {
            var ex = Assert.ThrowsExactly<WebhookPayloadException>(() => RemoteExecutionContextParser.Parse(json[..length]), $"prefix of {length} chars");
            Assert.IsNotNull(ex.Path, $"prefix of {length} chars: {ex.Message}");
        }
    }

    [TestMethod]
    public async Task HandleAsync_RandomlyDamagedBodies_AnswerWithoutCrash()
    {
        string json = TestFiles.Read("contact-update.json");
        const string Alphabet = "{}[]\":,0123456789-+/\\abcDeEfnulltrue ";
        var random = new Random(20261123);
        var handler = ContactEventHandlerTests.CreateHandler(new FakePersonaWriter());
        var statuses = new HashSet<int>();
        for (int i = 0; i < 1500; i++)
        {
            char[] body = json.ToCharArray();
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++) body[random.Next(body.Length)] = Alphabet[random.Next(Alphabet.Length)];

            var response = await handler.HandleAsync(ContactEventHandlerTests.Request(new string(body)));

            Assert.IsTrue(response.StatusCode is 200 or 400, $"case {i}: {response.StatusCode} {response.Message}");
            statuses.Add(response.StatusCode);
        }
        Assert.IsTrue(statuses.SetEquals([200, 400]), "the damage should produce both readable and unreadable bodies");
    }
}
