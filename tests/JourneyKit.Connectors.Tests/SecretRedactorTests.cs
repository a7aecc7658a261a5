using JourneyKit.Connectors.Text;
namespace JourneyKit.Connectors.Tests;

[TestClass]
public sealed class SecretRedactorTests
{
    [TestMethod]
    public void Redact_SecretInsideALongerWord_LeftAlone()
    {
        var text = SecretRedactor.Redact("the connection broke (HttpRequestException: reset)", ["x"]);
        Assert.AreEqual("the connection broke (HttpRequestException: reset)", text);
    }

    [TestMethod]
    [DataRow("Bearer fake-tok-42 was refused", "Bearer [redacted] was refused")]
    [DataRow("token=fake-tok-42&x=1", "token=[redacted]&x=1")]
    [DataRow("'fake-tok-42'.", "'[redacted]'.")]
    [DataRow("fake-tok-42", "[redacted]")]
    public void Redact_WholeToken_Masked(string input, string expected) =>
        Assert.AreEqual(expected, SecretRedactor.Redact(input, ["fake-tok-42", null, ""]));

    [TestMethod]
    public void Redact_TokenWithRegexCharacters_MaskedLiterally() =>
        Assert.AreEqual("a [redacted] b", SecretRedactor.Redact("a x+y.z(1)*? b", ["x+y.z(1)*?"]));
}
