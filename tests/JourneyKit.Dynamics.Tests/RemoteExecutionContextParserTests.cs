using JourneyKit.Dynamics.Webhooks;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests;

[TestClass]
public sealed class RemoteExecutionContextParserTests
{
    private static readonly Guid ContactId = Guid.Parse("3d0b5a3f-1a3e-e811-a955-000d3af3b4b1");

    [TestMethod]
    public void Parse_DocumentedCreate_ReadsContextFields()
    {
        var context = RemoteExecutionContextParser.Parse(TestFiles.Read("contact-create.json"));

        Assert.AreEqual("Create", context.MessageName);
        Assert.AreEqual("contact", context.PrimaryEntityName);
        Assert.AreEqual(ContactId, context.PrimaryEntityId);
        Assert.AreEqual(1, context.Depth);
        Assert.AreEqual(40, context.Stage);
        Assert.AreEqual(1, context.Mode);
        Assert.AreEqual(Guid.Parse("75c2dd92-a4a0-e711-a967-000d3a192828"), context.UserId);
        Assert.AreEqual(Guid.Parse("75c2dd92-a4a0-e711-a967-000d3a192828"), context.InitiatingUserId);
        Assert.AreEqual(Guid.Parse("b2c7d1f5-3b1a-4e5f-9c2d-8a7b6c5d4e3f"), context.OrganizationId);
        Assert.AreEqual(Guid.Parse("9e7f9a2a-5c3b-4d1e-9b6f-0f4f0c2a6a11"), context.CorrelationId);
        Assert.AreEqual("contoso", context.OrganizationName);
        Assert.IsNull(context.RequestId);
        Assert.AreEqual(new DateTimeOffset(2017, 9, 26, 7, 4, 8, TimeSpan.Zero), context.OperationCreatedOn);
        Assert.AreEqual(ContactId.ToString(), context.OutputParameters["id"]);
        Assert.AreEqual(true, context.SharedVariables["IsAutoTransact"]);
        Assert.IsNotNull(context.ParentContext);
        Assert.AreEqual(30, context.ParentContext.Stage);
    }

    [TestMethod]
    public void Parse_DocumentedCreate_ReadsTypedTargetAttributes()
    {
        var target = RemoteExecutionContextParser.Parse(TestFiles.Read("contact-create.json")).Target;

        Assert.IsNotNull(target);
        Assert.AreEqual("contact", target.LogicalName);
        Assert.AreEqual(ContactId, target.Id);
        Assert.AreEqual("Senior Marketing Director", target.GetString("jobtitle"));
        Assert.AreEqual(2, target.GetInt("numberofchildren"));
        Assert.AreEqual(2, target.GetOptionSetValue("gendercode"));
        Assert.AreEqual(1500.5m, target.GetMoney("creditlimit"));
        Assert.AreEqual(false, target.GetBool("donotemail"));
        Assert.AreEqual(ContactId, target.GetGuid("contactid"));
        Assert.AreEqual(new WebhookEntityReference("account", Guid.Parse("a8a19cdd-88df-e311-b8e5-6c3be5a8b200"), "Contoso Social"), target.GetEntityReference("parentcustomerid"));
        Assert.AreEqual(new DateTimeOffset(2017, 9, 26, 0, 4, 7, TimeSpan.Zero), target.GetDateTime("createdon"));
        Assert.AreEqual(new DateTimeOffset(1967, 1, 1, 0, 0, 0, TimeSpan.Zero), target.GetDateTime("birthdate"));
        Assert.IsTrue(target.Contains("description"));
        Assert.IsNull(target.GetString("description"));
        Assert.IsFalse(target.Contains("telephone1"));
        Assert.AreEqual("Female", target.FormattedValues["gendercode"]);
    }

    [TestMethod]
    public void Parse_DocumentedUpdate_ReadsImagesAndOffsetDate()
    {
        var context = RemoteExecutionContextParser.Parse(TestFiles.Read("contact-update.json"));

        Assert.AreEqual("Chief Financial Officer", context.PostEntityImages["PostImage"].GetString("jobtitle"));
        Assert.AreEqual("Finance Manager", context.PreEntityImages["PreImage"].GetString("jobtitle"));
        Assert.AreEqual(0L, context.InputParameters["ConcurrencyBehavior"]);
        Assert.IsNull(context.ParentContext);
        // The offset says how the instant was shown; the milliseconds are UTC.
        var created = context.OperationCreatedOn!.Value;
        Assert.AreEqual(TimeSpan.FromHours(2), created.Offset);
        Assert.AreEqual(DateTimeOffset.FromUnixTimeMilliseconds(1506409448000), created);
    }

    [TestMethod]
    public void Parse_DocumentedUpdateShape_ReadsUntypedImageAndTypedSharedVariables()
    {
        var context = RemoteExecutionContextParser.Parse(TestFiles.Read("contact-update-name.json"));

        // Dataverse sends the async step's automatic post-image without "__type".
        Assert.AreEqual("Lucie Martin", context.PostEntityImages["AsynchronousStepPrimaryName"].GetString("fullname"));
        Assert.AreEqual(TimeSpan.FromHours(-7), context.OperationCreatedOn!.Value.Offset);
        var parent = context.ParentContext!;
        Assert.AreEqual(false, parent.InputParameters["SuppressDuplicateDetection"]);
        var changed = (IReadOnlyList<object?>)parent.SharedVariables["ChangedEntityTypes"]!;
        Assert.AreEqual(2, changed.Count);
        Assert.AreEqual("opportunity", (string?)((JObject)changed[1]!)["key"]);
    }

    [TestMethod]
    public void Parse_OversizedMessage_HasNoTargetNorImages()
    {
        var context = RemoteExecutionContextParser.Parse(TestFiles.Read("contact-update-oversized.json"));

        Assert.IsNull(context.Target);
        Assert.AreEqual(0, context.InputParameters.Count);
        Assert.AreEqual(0, context.PostEntityImages.Count);
        Assert.IsNull(context.ParentContext);
    }

    [TestMethod]
    public void Parse_UnknownTypedValue_KeptAsJson()
    {
        string json = Minimal("""[{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Id":"3d0b5a3f-1a3e-e811-a955-000d3af3b4b1","Attributes":[{"key":"jk_colors","value":{"__type":"OptionSetValueCollection:http://schemas.microsoft.com/xrm/2011/Contracts","Values":[1,2]}}]}}]""");

        var target = RemoteExecutionContextParser.Parse(json).Target!;

        Assert.IsInstanceOfType<JObject>(target.Attributes["jk_colors"]);
    }

    [TestMethod]
    public void GetString_OnOptionSetValue_ThrowsNamingAttribute()
    {
        var target = RemoteExecutionContextParser.Parse(TestFiles.Read("contact-create.json")).Target!;

        var ex = Assert.ThrowsExactly<WebhookPayloadException>(() => target.GetString("gendercode"));

        StringAssert.Contains(ex.Message, "'gendercode'");
        StringAssert.Contains(ex.Message, ContactId.ToString());
    }

    [TestMethod]
    [DataRow("{\"MessageName\":\"Create\",", "$")]
    [DataRow("[]", "$")]
    [DataRow("{\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"3d0b5a3f-1a3e-e811-a955-000d3af3b4b1\",\"Depth\":1}", "$.MessageName")]
    [DataRow("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"not-a-guid\",\"Depth\":1}", "$.PrimaryEntityId")]
    [DataRow("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"3d0b5a3f-1a3e-e811-a955-000d3af3b4b1\",\"Depth\":\"1\"}", "$.Depth")]
    public void Parse_MalformedContext_ThrowsWithPath(string json, string path)
    {
        var ex = Assert.ThrowsExactly<WebhookPayloadException>(() => RemoteExecutionContextParser.Parse(json));

        Assert.IsNotNull(ex.Path);
        Assert.IsTrue(ex.Path.StartsWith(path, StringComparison.Ordinal), $"path {ex.Path} should start with {path}");
    }

    [TestMethod]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Attributes":[{"key":"createdon","value":"\/Date(abc)\/"}]}}""", "$.InputParameters[0].value.Attributes[0].value")]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Attributes":{"jobtitle":"x"}}}""", "$.InputParameters[0].value.Attributes")]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Attributes":[{"value":"x"}]}}""", "$.InputParameters[0].value.Attributes[0].key")]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Attributes":[{"key":"a","value":1},{"key":"a","value":2}]}}""", "$.InputParameters[0].value.Attributes[1].key")]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Attributes":[{"key":"parentcustomerid","value":{"__type":"EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"account","Id":"nope"}}]}}""", "$.InputParameters[0].value.Attributes[0].value.Id")]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","LogicalName":"contact","Attributes":[{"key":"gendercode","value":{"__type":"OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts","Value":"two"}}]}}""", "$.InputParameters[0].value.Attributes[0].value.Value")]
    [DataRow("""{"key":"Target","value":{"__type":"Entity:http://schemas.microsoft.com/xrm/2011/Contracts","Attributes":[]}}""", "$.InputParameters[0].value.LogicalName")]
    public void Parse_MalformedParameter_ThrowsWithExactPath(string parameter, string path)
    {
        var ex = Assert.ThrowsExactly<WebhookPayloadException>(() => RemoteExecutionContextParser.Parse(Minimal("[" + parameter + "]")));

        Assert.AreEqual(path, ex.Path);
        StringAssert.StartsWith(ex.Message, path + ":");
    }

    [TestMethod]
    public void Parse_MalformedImage_ThrowsWithPath()
    {
        string json = Minimal("[]").Replace("\"Depth\":1", "\"Depth\":1,\"PostEntityImages\":[{\"key\":\"PostImage\",\"value\":\"oops\"}]", StringComparison.Ordinal);

        var ex = Assert.ThrowsExactly<WebhookPayloadException>(() => RemoteExecutionContextParser.Parse(json));

        Assert.AreEqual("$.PostEntityImages[0].value", ex.Path);
    }

    [TestMethod]
    public void Parse_TruncatedBody_ThrowsWithLineAndPath()
    {
        string json = TestFiles.Read("contact-update.json");

        var ex = Assert.ThrowsExactly<WebhookPayloadException>(() => RemoteExecutionContextParser.Parse(json[..(json.Length / 2)]));

        StringAssert.Contains(ex.Message, "malformed JSON at line");
        StringAssert.StartsWith(ex.Path, "$.");
    }

    [TestMethod]
    [DataRow("/Date(0)/", 0L, 0)]
    [DataRow("/Date(1506384247000)/", 1506384247000L, 0)]
    [DataRow("/Date(1506384247000+0000)/", 1506384247000L, 0)]
    [DataRow("/Date(1506384247000-0530)/", 1506384247000L, -330)]
    [DataRow("/Date(-94694400000)/", -94694400000L, 0)]
    public void TryParse_WcfDates_ReadsUtcInstantAndOffset(string text, long ms, int offsetMinutes)
    {
        Assert.IsTrue(DataverseJsonDate.TryParse(text, out var value));
        Assert.AreEqual(ms, value.ToUnixTimeMilliseconds());
        Assert.AreEqual(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
    }

    [TestMethod]
    [DataRow("/Date()/")]
    [DataRow("/Date(12a)/")]
    [DataRow("/Date(1+99)/")]
    [DataRow("/Date(99999999999999999)/")]
    [DataRow("/Date(1+2500)/")]
    [DataRow("/Date(-62135596800000-0100)/")]
    [DataRow("/Date(253402300799999+0100)/")]
    public void TryParse_BadWcfDates_ReturnsFalse(string text) => Assert.IsFalse(DataverseJsonDate.TryParse(text, out _));

    private static string Minimal(string inputParameters) =>
        "{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"3d0b5a3f-1a3e-e811-a955-000d3af3b4b1\",\"Depth\":1,\"InputParameters\":" + inputParameters + "}";
}
