using JourneyKit.Dynamics.Webhooks;
using Newtonsoft.Json.Linq;

namespace JourneyKit.EndToEnd.Regressions;

/// <summary>
/// A "\/Date(ms+hhmm)\/" whose offset is written with non-ASCII digits matched the date pattern (<c>\d</c> is any
/// Unicode digit) and then failed <c>int.Parse</c>: a bare <see cref="FormatException"/> out of the webhook parser.
/// </summary>
[TestClass]
public sealed class DataverseJsonDateTests
{
    private static string Sample(string date)
    {
        var root = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "contact-create.json")));
        root["OperationCreatedOn"] = date;
        return root.ToString();
    }

    [TestMethod]
    [DataRow("/Date(1500000000000+٠١٠٠)/")]
    [DataRow("/Date(1500000000000-０２００)/")]
    [DataRow("/Date(١٥٠٠٠٠٠٠٠٠٠٠٠)/")]
    public void Parse_DateWithNonAsciiDigits_WebhookPayloadExceptionNotFormatException(string date)
    {
        var e = Assert.ThrowsExactly<WebhookPayloadException>(() => RemoteExecutionContextParser.Parse(Sample(date)));
        StringAssert.Contains(e.Path, "OperationCreatedOn");
    }

    [TestMethod]
    public void Parse_DateWithOffset_Read()
    {
        var context = RemoteExecutionContextParser.Parse(Sample("/Date(1500000000000+0100)/"));
        Assert.AreEqual(DateTimeOffset.FromUnixTimeMilliseconds(1500000000000), context.OperationCreatedOn);
        Assert.AreEqual(TimeSpan.FromHours(1), context.OperationCreatedOn!.Value.Offset);
    }
}
