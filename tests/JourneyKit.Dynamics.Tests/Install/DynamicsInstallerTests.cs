using System.IO.Compression;
using System.Xml.Linq;
using JourneyKit.Connectors.Abstractions;
using JourneyKit.Connectors.Dataverse;
using JourneyKit.Dynamics.Install;
using JourneyKit.Testing.Emulation;

namespace JourneyKit.Dynamics.Tests.Install;

[TestClass]
public sealed class DynamicsInstallerTests
{
    private const string Key = "s3cr3t-webhook-key-Zq9";
    private static readonly Uri Hook = new("https://hooks.example.test/api/dataverse");

    private static DynamicsInstallOptions WithWebhook => new() { WebhookUrl = Hook, WebhookKey = Key };

    [TestMethod]
    public async Task InstallAsync_EmptyEnvironment_CreatesEverythingInsideTheSolution()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv), WithWebhook);

        var plan = await installer.InstallAsync();

        Assert.IsTrue(plan.Applied);
        var writes = InstallHost.WriteRequests(dv);
        string[] expected =
        [
            "POST publishers", "POST solutions", "POST EntityDefinitions", "POST EntityDefinitions/Attributes", "POST EntityDefinitions/Keys",
            "POST RelationshipDefinitions", "POST webresourceset", "PATCH systemforms", "POST AddSolutionComponent", "POST serviceendpoints",
            "POST sdkmessageprocessingsteps", "POST sdkmessageprocessingstepimages", "POST PublishXml",
        ];
        foreach (var endpoint in expected) Assert.IsTrue(writes.Any(w => w.Endpoint == endpoint), $"no {endpoint} among {string.Join(", ", writes.Select(w => w.Endpoint).Distinct())}");
        Assert.AreEqual(2, writes.Count(w => w.Endpoint == "POST EntityDefinitions"));
        Assert.AreEqual(8, writes.Count(w => w.Endpoint == "POST EntityDefinitions/Attributes"), "2 persona + 6 objection columns besides the primary names");
        Assert.AreEqual(2, writes.Count(w => w.Endpoint == "POST RelationshipDefinitions"));
        Assert.AreEqual(2, writes.Count(w => w.Endpoint == "POST sdkmessageprocessingsteps"));
        Assert.AreEqual(1, writes.Count(w => w.Endpoint == "POST PublishXml"), "published once, at the end");
        Assert.AreEqual("POST PublishXml", writes[^1].Endpoint);
        // Every metadata create names the solution, so the components land in it.
        foreach (var w in writes.Where(w => w.Endpoint.StartsWith("POST EntityDefinitions", StringComparison.Ordinal) || w.Endpoint == "POST RelationshipDefinitions"))
            StringAssert.Contains(w.Body!, "jk_", "a jk-prefixed schema name");
        Assert.AreEqual(2, dv.GetRows("sdkmessageprocessingsteps").Count);
        var update = dv.GetRows("sdkmessageprocessingsteps").Single(s => ((string?)s["name"])!.Contains("Update", StringComparison.Ordinal));
        Assert.AreEqual("jobtitle,parentcustomerid", (string?)update["filteringattributes"]);
        Assert.AreEqual(40, (int?)update["stage"]);
        Assert.AreEqual(1, (int?)update["mode"]);
        var endpointRow = dv.GetRows("serviceendpoints").Single();
        Assert.AreEqual(8, (int?)endpointRow["contract"]);
        Assert.AreEqual(4, (int?)endpointRow["authtype"]);
        Assert.AreEqual(2, (int?)endpointRow["messageformat"]);
        Assert.AreEqual(Hook.AbsoluteUri, (string?)endpointRow["url"]);
        Assert.AreEqual(Key, (string?)endpointRow["authvalue"]);
        Assert.AreEqual(2, dv.GetRows("sdkmessageprocessingstepimages").Count);
        var components = dv.GetRows("solutioncomponents").Select(c => (int)c["componenttype"]!).ToHashSet();
        foreach (var type in new[] { 1, 2, 10, 14, 60, 61, 92, 95 }) Assert.Contains(type, components, $"component type {type} in the solution");
    }

    [TestMethod]
    public async Task InstallAsync_SecondRun_WritesNothing()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv), WithWebhook);
        await installer.InstallAsync();
        dv.ResetCounters();

        var second = await installer.InstallAsync();

        Assert.IsTrue(second.IsUpToDate, string.Join("\n", second.Changes));
        Assert.IsLessThanOrEqualTo(20, dv.TotalRequests, "a check run stays cheap: a few reads per component kind");
        Assert.IsEmpty(InstallHost.WriteRequests(dv), string.Join(", ", InstallHost.WriteRequests(dv).Select(r => r.Endpoint)));
        Assert.IsEmpty(dv.Writes);
    }

    [TestMethod]
    public async Task PlanInstallAsync_EmptyEnvironment_ListsTheStepsAndWritesNothing()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv), WithWebhook);

        var plan = await installer.PlanInstallAsync();

        Assert.IsFalse(plan.Applied);
        Assert.IsEmpty(InstallHost.WriteRequests(dv));
        Assert.IsTrue(plan.Steps.Any(s => s is { Component: "table", Name: "jk_persona", Action: InstallAction.Create }));
        Assert.IsTrue(plan.Steps.Any(s => s is { Component: "column", Name: "jk_objection.jk_share", Action: InstallAction.Create }));
        Assert.IsTrue(plan.Steps.Any(s => s is { Component: "key", Name: "jk_objection.jk_key", Action: InstallAction.Create }));
        Assert.IsTrue(plan.Steps.Any(s => s.Component == "relationship" && s.Name.Contains("contact.jk_personaid", StringComparison.Ordinal) && s.Action == InstallAction.Create));
        Assert.IsTrue(plan.Steps.Any(s => s is { Component: "form", Action: InstallAction.Update } && s.Name.StartsWith("opportunity", StringComparison.Ordinal)));
        Assert.AreEqual(2, plan.Steps.Count(s => s is { Component: "step", Action: InstallAction.Create }));
        Assert.IsFalse(plan.Steps.Any(s => (s.Detail ?? "").Contains(Key, StringComparison.Ordinal)), "the webhook key is never in the plan");
        Assert.IsFalse(new DynamicsInstaller(InstallHost.Client(dv)).PlanInstallAsync().Result.IsUpToDate);
    }

    [TestMethod]
    public async Task InstallAsync_ThenConnectorPush_WorksAgainstTheCreatedTables()
    {
        await using var dv = await InstallHost.StartAsync();
        var client = InstallHost.Client(dv);
        var connector = new DataverseConnector(client);
        var before = await Assert.ThrowsExactlyAsync<DataverseException>(() => connector.EnsurePushSchemaAsync());
        Assert.AreEqual(404, before.StatusCode);

        await new DynamicsInstaller(client).InstallAsync();
        await connector.EnsurePushSchemaAsync();
        await connector.UpsertPersonaAsync(InstallHost.Lucy());
        var contact = dv.Sample.Contacts[0].Guid;
        await connector.AssignPersonasAsync([new PersonaAssignment(contact.ToString(), InstallHost.Lucy())]);

        Assert.AreEqual("Lucy, marketing director", (string?)dv.GetRows("jk_personas").Single()["jk_name"]);
        Assert.HasCount(2, dv.GetRows("jk_objections"));
        Assert.AreEqual((Guid)dv.GetRows("jk_personas").Single()["jk_personaid"]!, dv.GetContactPersonaId(contact));
    }

    [TestMethod]
    public async Task InstallAsync_PanelLanguage_PassedAsTheCustomParameter_SecondRunUnchanged_ChangedLanguageUpdated()
    {
        await using var dv = await InstallHost.StartAsync();
        string? Data(string entity) => XDocument.Parse((string)dv.GetRows("systemforms")
                .Single(f => (string?)f["objecttypecode"] == entity && (int?)f["type"] == 2 && (bool?)f["isdefault"] == true)["formxml"]!)
            .Descendants("control").Single(c => (string?)c.Element("parameters")?.Element("Url") == "jk_/objections_panel.html")
            .Element("parameters")!.Element("Data")?.Value;

        await new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { PanelLanguage = "fr" }).InstallAsync();
        var again = await new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { PanelLanguage = "fr" }).InstallAsync();
        var unset = await new DynamicsInstaller(InstallHost.Client(dv)).PlanInstallAsync();
        string? afterFr = Data("contact");
        var english = await new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { PanelLanguage = "en" }).InstallAsync();

        Assert.AreEqual("lang=fr", afterFr);
        Assert.IsTrue(again.IsUpToDate, string.Join("\n", again.Changes));
        Assert.IsTrue(unset.IsUpToDate, "without PanelLanguage the parameter is left as it is");
        Assert.AreEqual("lang=en", Data("contact"));
        Assert.AreEqual("lang=en", Data("opportunity"));
        Assert.IsTrue(english.Steps.Any(st => st.Component == "form" && st.Action == InstallAction.Update && st.Detail == "set the panel's language (lang=en)"));
        Assert.ThrowsExactly<ArgumentException>(() => new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { PanelLanguage = "de" }));
    }

    [TestMethod]
    public async Task InstallAsync_FormXml_PanelAddedExactlyOnceToTheDefaultMainForms()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv));

        await installer.InstallAsync();
        await installer.InstallAsync();

        var forms = dv.GetRows("systemforms");
        var webResourceId = (Guid)dv.GetRows("webresourceset").Single()["webresourceid"]!;
        foreach (var entity in new[] { "contact", "opportunity" })
        {
            var main = forms.Single(f => (string?)f["objecttypecode"] == entity && (int?)f["type"] == 2 && (bool?)f["isdefault"] == true);
            var xml = XDocument.Parse((string)main["formxml"]!);
            var panels = xml.Descendants("control").Where(c => (string?)c.Element("parameters")?.Element("Url") == "jk_/objections_panel.html").ToList();
            Assert.HasCount(1, panels, entity);
            Assert.AreEqual("{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}", (string?)panels[0].Attribute("classid"));
            StringAssert.Contains((string?)panels[0].Element("parameters")!.Element("WebResourceId"), webResourceId.ToString("D").ToUpperInvariant());
            Assert.IsNotNull(xml.Descendants("tab").FirstOrDefault(t => (string?)t.Attribute("name") == "SUMMARY_TAB"), "the existing tabs are kept");
        }
        var other = forms.Single(f => (string?)f["name"] == "Sales Insights");
        Assert.IsFalse(((string)other["formxml"]!).Contains("jk_/objections_panel.html", StringComparison.Ordinal), "only the default main form is edited");
        var quick = forms.Single(f => (int?)f["type"] == 7);
        Assert.IsFalse(((string)quick["formxml"]!).Contains("jk_", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task InstallAsync_ChangedPanelOrWebhookUrl_UpdatesOnlyThose()
    {
        await using var dv = await InstallHost.StartAsync();
        await new DynamicsInstaller(InstallHost.Client(dv), WithWebhook).InstallAsync();
        var webResource = dv.GetRows("webresourceset").Single();
        dv.SetColumn("webresourceset", (Guid)webResource["webresourceid"]!, "content", Convert.ToBase64String("<p>old</p>"u8.ToArray()));
        dv.ResetCounters();

        var plan = await new DynamicsInstaller(InstallHost.Client(dv), new DynamicsInstallOptions { WebhookUrl = new Uri("https://other.example.test/hook"), WebhookKey = Key }).InstallAsync();

        var changes = plan.Changes.Select(c => c.Component).ToList();
        CollectionAssert.AreEquivalent(new[] { "web resource", "service endpoint", "publish" }, changes);
        Assert.AreEqual("https://other.example.test/hook", (string?)dv.GetRows("serviceendpoints").Single()["url"]);
        CollectionAssert.AreEquivalent(new[] { "PATCH webresourceset", "PATCH serviceendpoints", "POST PublishXml" }, InstallHost.WriteRequests(dv).Select(r => r.Endpoint).ToArray());
    }

    [TestMethod]
    public async Task InstallAsync_TextColumnShorterThanNeeded_LengthenedWithPutThenUpToDate()
    {
        await using var dv = await InstallHost.StartAsync();
        var client = InstallHost.Client(dv);
        await new DynamicsInstaller(client).InstallAsync();
        var path = "EntityDefinitions(LogicalName='jk_objection')/Attributes(LogicalName='jk_stage')";
        var definition = await client.RetrieveAsync(path);
        definition["MaxLength"] = 50;
        definition.Remove("@odata.context");
        await client.ExecuteAsync(HttpMethod.Put, path, definition);
        dv.ResetCounters();

        var plan = await new DynamicsInstaller(client).InstallAsync();

        var step = plan.Changes.Single(s => s.Component == "column");
        Assert.AreEqual("jk_objection.jk_stage", step.Name);
        Assert.AreEqual("MaxLength 50 → 200", step.Detail);
        Assert.AreEqual(200, (int?)(await client.RetrieveAsync(path))["MaxLength"]);
        var put = dv.Requests.Single(r => r.Method == "PUT");
        StringAssert.Contains(put.Body!, "\"MaxLength\":200");
        Assert.IsTrue((await new DynamicsInstaller(client).InstallAsync()).IsUpToDate);
    }

    [TestMethod]
    public async Task ExportSolutionAsync_AfterInstall_ZipWithSolutionAndCustomizations()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv), WithWebhook);
        await installer.InstallAsync();

        var bytes = await installer.ExportSolutionAsync(managed: true);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var solution = XDocument.Load(zip.GetEntry("solution.xml")!.Open());
        Assert.AreEqual("JourneyKit", (string?)solution.Descendants("UniqueName").First());
        Assert.AreEqual("1", (string?)solution.Descendants("Managed").Single());
        Assert.AreEqual("jk", (string?)solution.Descendants("CustomizationPrefix").Single());
        using var customizationsReader = new StreamReader(zip.GetEntry("customizations.xml")!.Open());
        var customizations = await customizationsReader.ReadToEndAsync();
        StringAssert.Contains(customizations, "jk_Persona");
        StringAssert.Contains(customizations, "jk_persona_contact");
        StringAssert.Contains(customizations, "jk_/objections_panel.html");
        Assert.IsFalse(customizations.Contains(Key, StringComparison.Ordinal), "the webhook key is not exported");
        var post = dv.Requests.Single(r => r.Endpoint == "POST ExportSolution");
        StringAssert.Contains(post.Body!, "\"Managed\":true");
    }

    [TestMethod]
    public async Task InstallAsync_FailsMidway_RerunFinishesWithoutDuplicates()
    {
        await using var dv = await InstallHost.StartAsync();
        dv.Faults.Add(EmulatorFault.ServerError(503), method: "POST", pathContains: "RelationshipDefinitions");
        var installer = new DynamicsInstaller(InstallHost.Client(dv), WithWebhook);

        var failure = await Assert.ThrowsExactlyAsync<DataverseException>(() => installer.InstallAsync());
        var rerun = await installer.InstallAsync();

        Assert.IsTrue(failure.IsTransient);
        Assert.IsTrue(rerun.Steps.Any(s => s is { Component: "table", Action: InstallAction.Unchanged }), "the tables made before the failure are kept");
        Assert.AreEqual(2, rerun.Steps.Count(s => s is { Component: "relationship", Action: InstallAction.Create }));
        Assert.HasCount(1, dv.GetRows("publishers"));
        Assert.HasCount(1, dv.GetRows("solutions"));
        Assert.HasCount(1, dv.GetRows("webresourceset"));
        Assert.IsTrue((await installer.InstallAsync()).IsUpToDate);
        await new DataverseConnector(InstallHost.Client(dv)).EnsurePushSchemaAsync();
    }

    [TestMethod]
    public async Task ExportSolutionAsync_DataverseAnswersAnEmptyZip_FailsClearly()
    {
        await using var dv = await InstallHost.StartAsync();
        await new DynamicsInstaller(InstallHost.Client(dv)).InstallAsync();
        // Between the client and the emulator: the export's answer replaced by what an empty export gave (a 22-byte zip).
        using var http = new HttpClient(new EmptyExport { InnerHandler = new SocketsHttpHandler() });
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken, Retry = { MaxRetries = 0, MaxRateLimitRetries = 0 } }, http);

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DynamicsInstaller(client).ExportSolutionAsync(managed: true));

        StringAssert.Contains(ex.Message, "is not a solution: an empty zip (22 bytes)");
        Assert.IsFalse(ex.IsTransient);
    }

    private sealed class EmptyExport : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/ExportSolution", StringComparison.Ordinal)) return response;
            response.Dispose();
            using var empty = new MemoryStream();
            using (new ZipArchive(empty, ZipArchiveMode.Create, leaveOpen: true)) { }
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"ExportSolutionFile\":\"{Convert.ToBase64String(empty.ToArray())}\"}}", System.Text.Encoding.UTF8, "application/json"),
            };
        }
    }

    [TestMethod]
    public async Task ExportSolutionAsync_NotInstalled_SaysToInstallFirst()
    {
        await using var dv = await InstallHost.StartAsync();

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DynamicsInstaller(InstallHost.Client(dv)).ExportSolutionAsync(managed: false));

        StringAssert.Contains(ex.Message, "journeykit dynamics install");
    }

    [TestMethod]
    public async Task UninstallAsync_AfterInstall_RemovesEverythingButThePublisher_SecondRunWritesNothing()
    {
        await using var dv = await InstallHost.StartAsync();
        var client = InstallHost.Client(dv);
        var installer = new DynamicsInstaller(client, WithWebhook);
        await installer.InstallAsync();
        await new DataverseConnector(client).UpsertPersonaAsync(InstallHost.Lucy());

        var dry = await installer.PlanUninstallAsync();
        Assert.IsFalse(dry.IsUpToDate);
        Assert.HasCount(1, dv.GetRows("serviceendpoints"), "the dry run removed nothing");

        var removed = await installer.UninstallAsync();

        Assert.IsTrue(removed.Steps.Any(s => s is { Component: "table", Name: "jk_persona", Action: InstallAction.Delete }));
        Assert.IsEmpty(dv.GetRows("serviceendpoints"));
        Assert.IsEmpty(dv.GetRows("sdkmessageprocessingsteps"));
        Assert.IsEmpty(dv.GetRows("sdkmessageprocessingstepimages"));
        Assert.IsEmpty(dv.GetRows("webresourceset"));
        Assert.IsEmpty(dv.GetRows("solutions"));
        Assert.HasCount(1, dv.GetRows("publishers"));
        Assert.IsFalse(dv.GetRows("systemforms").Any(f => ((string)f["formxml"]!).Contains("jk_", StringComparison.Ordinal)));
        var gone = await Assert.ThrowsExactlyAsync<DataverseException>(() => new DataverseConnector(client).EnsurePushSchemaAsync());
        Assert.AreEqual(404, gone.StatusCode);

        dv.ResetCounters();
        var again = await installer.UninstallAsync();
        Assert.IsTrue(again.IsUpToDate, string.Join("\n", again.Changes));
        Assert.IsEmpty(InstallHost.WriteRequests(dv));
    }

    [TestMethod]
    public async Task InstallAsync_AfterUninstall_InstallsAgain()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv));
        await installer.InstallAsync();
        await installer.UninstallAsync();

        var plan = await installer.InstallAsync();

        Assert.IsTrue(plan.Steps.Any(s => s is { Component: "publisher", Action: InstallAction.Unchanged }), "the publisher was kept");
        Assert.IsTrue(plan.Steps.Any(s => s is { Component: "table", Action: InstallAction.Create }));
        await new DataverseConnector(InstallHost.Client(dv)).EnsurePushSchemaAsync();
    }

    [TestMethod]
    public async Task InstallAsync_PreinstalledEmulator_OnlyAddsSolutionPartsThatAreMissing()
    {
        await using var dv = await InstallHost.StartAsync(installed: true);

        var plan = await new DynamicsInstaller(InstallHost.Client(dv)).InstallAsync();

        Assert.IsFalse(plan.Steps.Any(s => s.Component is "table" or "column" or "key" or "relationship" && s.Action != InstallAction.Unchanged), string.Join("\n", plan.Changes));
        Assert.IsFalse(InstallHost.WriteRequests(dv).Any(r => r.Endpoint.Contains("Definitions", StringComparison.Ordinal)));
        Assert.AreEqual(2, dv.GetRows("solutioncomponents").Count(c => (int)c["componenttype"]! == 1), "the existing tables were added to the solution");
        dv.ResetCounters();
        Assert.IsTrue((await new DynamicsInstaller(InstallHost.Client(dv)).InstallAsync()).IsUpToDate);
    }

    [TestMethod]
    public async Task WebhookKey_NeverInOutputOrErrors()
    {
        await using var dv = await InstallHost.StartAsync();
        dv.Faults.Add(EmulatorFault.ServerError(500), method: "POST", pathContains: "serviceendpoints");
        var installer = new DynamicsInstaller(InstallHost.Client(dv), WithWebhook);

        var ex = await Assert.ThrowsExactlyAsync<DataverseException>(() => installer.InstallAsync());

        Assert.IsFalse(ex.ToString().Contains(Key, StringComparison.Ordinal));
        var plan = await installer.PlanInstallAsync();
        Assert.IsFalse(string.Join("\n", plan.Steps).Contains(Key, StringComparison.Ordinal));
        Assert.IsTrue(plan.Steps.Any(s => (s.Detail ?? "").Contains("***", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Constructor_WebhookUrlWithoutKey_Throws()
    {
        var client = new DataverseClient(new DataverseClientOptions { EnvironmentUrl = new Uri("https://example.test/"), AccessToken = "t" });
        Assert.ThrowsExactly<ArgumentException>(() => new DynamicsInstaller(client, new DynamicsInstallOptions { WebhookUrl = Hook }));
    }
}

[TestClass]
public sealed class DynamicsInstallerManagedTests
{
    [TestMethod]
    public async Task InstallAndUninstall_ManagedSolution_InstallRefusesAndUninstallDeletesOnlyTheSolution()
    {
        await using var dv = await InstallHost.StartAsync();
        var installer = new DynamicsInstaller(InstallHost.Client(dv));
        await installer.InstallAsync();
        var solutionId = (Guid)dv.GetRows("solutions").Single()["solutionid"]!;
        dv.SetColumn("solutions", solutionId, "ismanaged", true);
        dv.ResetCounters();

        var refused = await Assert.ThrowsExactlyAsync<Connectors.Dataverse.DataverseException>(() => installer.InstallAsync());
        var removed = await installer.UninstallAsync();

        StringAssert.Contains(refused.Message, "managed");
        Assert.AreEqual(InstallAction.Delete, removed.Steps.Single().Action);
        CollectionAssert.AreEqual(new[] { "DELETE solutions" }, InstallHost.WriteRequests(dv).Select(r => r.Endpoint).ToArray());
    }

    [TestMethod]
    public void Constructor_KeyInWebhookUrl_Refused()
    {
        var client = new Connectors.Dataverse.DataverseClient(new Connectors.Dataverse.DataverseClientOptions { EnvironmentUrl = new Uri("https://example.test/"), AccessToken = "t" });

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new DynamicsInstaller(client, new DynamicsInstallOptions { WebhookUrl = new Uri("https://h.example.test/hook?code=abc"), WebhookKey = "abc" }));

        Assert.IsFalse(ex.Message.Contains("abc", StringComparison.Ordinal));
    }
}

[TestClass]
public sealed class SolutionZipTests
{
    private static byte[] Zip(params string[] names)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in names)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<x />");
            }
        }
        return buffer.ToArray();
    }

    [TestMethod]
    public void CheckSolutionZip_WhatDataverseMayAnswer_NamesTheProblem()
    {
        var empty = Zip();

        Assert.AreEqual(22, empty.Length, "an empty zip is the 22-byte end record an empty export gave");
        StringAssert.Contains(DynamicsInstaller.CheckSolutionZip(empty), "empty zip");
        StringAssert.Contains(DynamicsInstaller.CheckSolutionZip([1, 2, 3]), "not a zip");
        StringAssert.Contains(DynamicsInstaller.CheckSolutionZip(Zip("solution.xml", "[Content_Types].xml")), "without customizations.xml");
        Assert.IsNull(DynamicsInstaller.CheckSolutionZip(Zip("solution.xml", "customizations.xml", "[Content_Types].xml")));
    }
}
