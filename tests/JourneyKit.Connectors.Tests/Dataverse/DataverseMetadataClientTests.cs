using System.Text;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Connectors.Tests.Dataverse;

[TestClass]
public sealed class DataverseMetadataClientTests
{
    private static DataverseLabel L(string text) => new(text);

    private static DataverseColumnDefinition Text(string schemaName, int maxLength, string type = "String") =>
        new() { SchemaName = schemaName, AttributeType = type, DisplayName = L(schemaName), Description = L("test column"), MaxLength = maxLength };

    private static async Task<Guid> SolutionAsync(DataverseClient client)
    {
        var publisherId = await client.Metadata.CreatePublisherAsync(new DataversePublisher { UniqueName = "widgets", FriendlyName = "Widgets", CustomizationPrefix = "wd", CustomizationOptionValuePrefix = 12345 });
        var solutionId = await client.Metadata.CreateSolutionAsync(new DataverseSolution { UniqueName = "Widgets", FriendlyName = "Widgets", Version = "1.0.0.0", PublisherId = publisherId });
        Assert.IsNotNull(solutionId);
        return solutionId.Value;
    }

    [TestMethod]
    public async Task Tables_CreateReadLengthenRelateDelete_OverTheWebApi()
    {
        await using var dv = await DataverseTestHost.StartAsync(tables: false);
        var client = DataverseTestHost.Client(dv, maxRetries: 0);
        var m = client.Metadata;
        var solutionId = await SolutionAsync(client);
        Assert.IsNull(await m.GetTableAsync("wd_widget"));

        await m.CreateTableAsync(new DataverseTableDefinition
        {
            SchemaName = "wd_Widget", DisplayName = L("Widget"), DisplayCollectionName = L("Widgets"), Description = L("A widget."), PrimaryName = Text("wd_Name", 100),
        }, "Widgets");
        await m.CreateColumnAsync("wd_widget", Text("wd_Code", 50), "Widgets");
        await m.CreateColumnAsync("wd_widget", new DataverseColumnDefinition
        {
            SchemaName = "wd_Weight", AttributeType = "Decimal", DisplayName = L("Weight"), Description = L("kg"), Precision = 2, MinValue = 0, MaxValue = 1000,
        }, "Widgets");
        await m.CreateKeyAsync("wd_widget", new DataverseKeyDefinition("wd_WidgetCode", L("Code"), ["wd_code"]), "Widgets");
        await m.SetMaxLengthAsync("wd_widget", "wd_code", "String", 80, "Widgets");

        var table = await m.GetTableAsync("wd_widget");
        Assert.IsNotNull(table);
        Assert.AreEqual("wd_name", table.PrimaryNameAttribute);
        Assert.AreEqual("Decimal", table.Attributes.Single(a => a.LogicalName == "wd_weight").AttributeType);
        CollectionAssert.AreEqual(new[] { "wd_code" }, table.Keys.Single().KeyAttributes.ToArray());
        Assert.AreEqual(80, (await m.GetTextMaxLengthsAsync("wd_widget"))["wd_code"]);
        Assert.Contains(table.MetadataId!.Value, await m.GetSolutionComponentIdsAsync(solutionId), "created inside the solution");
        var weight = dv.Requests.Single(r => r.Method == "POST" && (r.Body ?? "").Contains("wd_Weight", StringComparison.Ordinal));
        StringAssert.Contains(weight.Body, "\"MinValue\":0,\"MaxValue\":1000}", "whole numbers go as integer literals");
        Assert.AreEqual("Widgets", weight.Headers["MSCRM.SolutionUniqueName"]);

        await m.CreateOneToManyRelationshipAsync(new DataverseOneToManyRelationshipDefinition
        {
            SchemaName = "wd_widget_contact", ReferencedEntity = "wd_widget", ReferencedAttribute = "wd_widgetid", ReferencingEntity = "contact",
            ReferencingEntityNavigationPropertyName = "wd_widgetid", ReferencedEntityNavigationPropertyName = "wd_widget_contact",
            Lookup = new DataverseLookupDefinition("wd_WidgetId", L("Widget"), L("The contact's widget.")),
        }, "Widgets");
        var relationship = await m.GetRelationshipAsync("wd_widget_contact");
        Assert.AreEqual("contact", relationship?.ReferencingEntity);
        Assert.IsTrue(await m.ColumnExistsAsync("contact", "wd_widgetid"));

        await m.DeleteRelationshipAsync("wd_widget_contact");
        await m.DeleteTableAsync("wd_widget");
        Assert.IsFalse(await m.RelationshipExistsAsync("wd_widget_contact"));
        Assert.IsFalse(await m.TableExistsAsync("wd_widget"));
        await m.DeleteTableAsync("wd_widget");
        Assert.AreEqual(404, dv.Requests[^1].StatusCode, "a second delete meets a 404 and succeeds");
    }

    [TestMethod]
    public async Task WebhookRegistration_EndpointStepImage_ReadBackAndDeleted()
    {
        await using var dv = await DataverseTestHost.StartAsync(tables: false);
        var m = DataverseTestHost.Client(dv, maxRetries: 0).Metadata;
        await SolutionAsync(DataverseTestHost.Client(dv, maxRetries: 0));

        var endpointId = await m.CreateServiceEndpointAsync(new DataverseServiceEndpoint
        {
            Name = "Widget events", Url = "https://hooks.example.test/w", Contract = 8, AuthType = 4, MessageFormat = 2, UserClaim = 1, AuthValue = "fake-key-1",
        }, "Widgets");
        var update = (await m.GetSdkMessagesAsync(["Create", "Update"])).Single(x => x.Name == "Update");
        var filter = await m.FindSdkMessageFilterIdAsync(update.Id, "contact");
        var stepId = await m.CreateProcessingStepAsync(new DataverseProcessingStep
        {
            Name = "Widget: contact Update", Stage = 40, Mode = 1, Rank = 1, SupportedDeployment = 0, AsyncAutoDelete = true,
            MessageId = update.Id, MessageFilterId = filter, ServiceEndpointId = endpointId, FilteringAttributes = "jobtitle",
        }, "Widgets");
        await m.CreateProcessingStepImageAsync(new DataverseProcessingStepImage { Name = "PostImage", EntityAlias = "PostImage", ImageType = 1, MessagePropertyName = "Target", Attributes = "jobtitle", StepId = stepId });
        await m.UpdateProcessingStepAsync(stepId!.Value, 40, 1, "jobtitle,parentcustomerid");

        var endpoint = await m.FindServiceEndpointAsync("Widget events");
        Assert.AreEqual("https://hooks.example.test/w", endpoint?.Url);
        Assert.IsFalse(endpoint!.ToString().Contains("fake-key-1", StringComparison.Ordinal));
        var step = (await m.GetProcessingStepsAsync(endpointId!.Value)).Single();
        Assert.AreEqual(update.Id, step.MessageId);
        Assert.AreEqual("jobtitle,parentcustomerid", step.FilteringAttributes);
        Assert.AreEqual(1, (await m.GetProcessingStepImagesAsync(stepId.Value)).Single().ImageType);

        await m.DeleteProcessingStepAsync(stepId.Value);
        await m.DeleteServiceEndpointAsync(endpointId.Value);
        Assert.IsNull(await m.FindServiceEndpointAsync("Widget events"));
        Assert.IsEmpty(dv.GetRows("sdkmessageprocessingstepimages"), "the image went with its step");
    }

    [TestMethod]
    public async Task WebResourceFormsPublishExport_RoundTrip()
    {
        await using var dv = await DataverseTestHost.StartAsync(tables: false);
        var client = DataverseTestHost.Client(dv, maxRetries: 0);
        var m = client.Metadata;
        await SolutionAsync(client);
        var content = Convert.ToBase64String(Encoding.UTF8.GetBytes("<html>w</html>"));

        var id = await m.CreateWebResourceAsync(new DataverseWebResource { Name = "wd_/w.html", DisplayName = "W", Content = content }, "Widgets");
        await m.SetWebResourceContentAsync(id!.Value, Convert.ToBase64String(Encoding.UTF8.GetBytes("<html>v2</html>")));
        var form = (await m.GetMainFormsAsync("contact"))[0];
        await m.SetFormXmlAsync(form.Id, form.FormXml!);
        await m.AddSolutionComponentAsync(form.Id, DataverseComponentType.SystemForm, "Widgets");
        await m.PublishXmlAsync(["contact"], [id.Value]);
        await m.PublishAllXmlAsync();
        var export = await m.ExportSolutionAsync("Widgets", managed: false);

        Assert.AreNotEqual(content, (await m.FindWebResourceAsync("wd_/w.html"))?.Content);
        Assert.AreEqual(id, await m.FindWebResourceIdAsync("wd_/w.html"));
        StringAssert.Contains(dv.Requests.Single(r => r.Endpoint == "POST PublishXml").Body, $"<webresource>{{{id:D}}}</webresource>");
        Assert.IsGreaterThan(22, export.File.Length, "a zip with files");
        await m.DeleteWebResourceAsync(id.Value);
        Assert.IsNull(await m.FindWebResourceIdAsync("wd_/w.html"));
        var missing = await Assert.ThrowsExactlyAsync<DataverseException>(() => m.ExportSolutionAsync("NoSuchSolution", managed: true));
        Assert.AreEqual(404, missing.StatusCode);
    }

    [TestMethod]
    public async Task CreateColumnAsync_UnknownType_RefusedBeforeAnyRequest()
    {
        await using var dv = await DataverseTestHost.StartAsync(tables: false);
        var m = DataverseTestHost.Client(dv, maxRetries: 0).Metadata;

        var ex = await Assert.ThrowsExactlyAsync<ArgumentException>(() => m.CreateColumnAsync("contact", Text("wd_Flag", 1, type: "Boolean"), null));

        StringAssert.Contains(ex.Message, "wd_Flag");
        Assert.IsEmpty(dv.Requests);
    }
}
