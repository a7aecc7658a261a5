using System.Net;
using System.Text.RegularExpressions;
using JourneyKit.Dynamics.WebResources;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Dynamics.Tests;

/// <summary>The objections panel in real headless Chromium, framed by a harness that plays the Dynamics form.</summary>
[TestClass]
[DoNotParallelize]
public sealed partial class ObjectionsPanelBrowserTests
{
    private const string PersonaId = "0f1e2d3c-4b5a-4968-8776-655443322110";
    private const string ContactWithPersona = "3d0b5a3f-1a3e-e811-a955-000d3af3b4b1";
    private const string ContactWithoutPersona = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    private const string Opportunity = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
    private const string Xss = "<img src=x onerror=\"window.__pwned=1;parent.__pwned=1;parent.document.title='PWNED'\"> Too expensive for a team of our size";

    public TestContext TestContext { get; set; } = null!;

    private static async Task<PanelCrm> StartCrmAsync()
    {
        var crm = await PanelCrm.StartAsync();
        crm.Rows[$"contact({ContactWithPersona})"] = new JObject { ["contactid"] = ContactWithPersona, ["_jk_personaid_value"] = PersonaId };
        crm.Rows[$"contact({ContactWithoutPersona})"] = new JObject { ["contactid"] = ContactWithoutPersona, ["_jk_personaid_value"] = null };
        crm.Rows[$"opportunity({Opportunity})"] = new JObject { ["opportunityid"] = Opportunity, ["_parentcontactid_value"] = ContactWithPersona };
        crm.Rows[$"jk_persona({PersonaId})"] = new JObject
        {
            ["jk_personaid"] = PersonaId,
            ["jk_name"] = "Lucy, marketing director",
            ["jk_summary"] = "Late forties, leads a team of 12; wants one tool for every social channel and proof it pays off.",
        };
        // Deliberately not in frequency order: the panel must order them.
        crm.Objections.Add(Objection(3, "Connecting it to our CRM looks like a project", "integration", "Integration", "Consideration", 0.15,
            "Show the Dynamics 365 connector: it installs in minutes and needs no developer."));
        crm.Objections.Add(Objection(12, Xss, "price", null, "Purchase", 0.6,
            "Compare with the hours saved per week: most teams recover the cost in two months. <script>window.__pwned=1</script>"));
        crm.Objections.Add(Objection(5, "We already pay for a competitor", "competitor", "Competitor", "Consideration", 0.25,
            "Offer a side-by-side trial on one channel."));
        // What push writes for ObjectionCategory.SecurityCompliance: the camelCase name, no formatted value.
        crm.Objections.Add(Objection(1, "Where is our data stored?", "securityCompliance", null, "Purchase", 0.05, "Show the data-residency page."));
        return crm;
    }

    private static JObject Objection(int count, string text, string category, string? categoryLabel, string stage, double share, string answer)
    {
        var row = new JObject
        {
            ["jk_objectionid"] = Guid.NewGuid().ToString(),
            ["_jk_personaid_value"] = PersonaId,
            ["jk_text"] = text,
            ["jk_category"] = category,
            ["jk_stage"] = stage,
            ["jk_share"] = share,
            ["jk_count"] = count,
            ["jk_suggestedanswer"] = answer,
        };
        if (categoryLabel is not null) row["jk_category@OData.Community.Display.V1.FormattedValue"] = categoryLabel;
        return row;
    }

    [GeneratedRegex("<pre id=\"jk-result\">(?<json>.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ResultPattern();

    private static Uri Harness(PanelCrm crm, string query) => new(crm.BaseAddress, "/harness.html?" + query);

    private static string PanelQuery(string id, string type) => "panel=" + Uri.EscapeDataString($"id=%7B{id.ToUpperInvariant()}%7D&typename={type}");

    private static async Task<JObject> RenderAsync(Uri page, params string[] chromium)
    {
        string dom = await Chromium.DumpDomAsync(page, chromium);
        var match = ResultPattern().Match(dom);
        Assert.IsTrue(match.Success && match.Groups["json"].Length > 0, "the harness wrote no result; DOM: " + dom[..Math.Min(dom.Length, 2000)]);
        return JObject.Parse(WebUtility.HtmlDecode(match.Groups["json"].Value));
    }

    private async Task ScreenshotAsync(Uri page, string name, params string[] chromium)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, $"panel-{name}.png");
        await Chromium.ScreenshotAsync(page, file, extra: chromium);
        Assert.IsTrue(new FileInfo(file).Length > 5_000, "the screenshot looks empty");
        TestContext.AddResultFile(file);
    }

    [TestMethod]
    public async Task Panel_ContactWithObjections_ListsThemByFrequencyAsText()
    {
        await using var crm = await StartCrmAsync();
        var page = Harness(crm, PanelQuery(ContactWithPersona, "contact"));

        var result = await RenderAsync(page);

        Assert.AreEqual("ready", (string?)result["state"]);
        Assert.AreEqual("Lucy, marketing director", (string?)result["personaName"]);
        var items = (JArray)result["items"]!;
        CollectionAssert.AreEqual(new[] { "12×", "5×", "3×", "1×" }, items.Select(i => (string?)i["count"]).ToArray());
        // The markup in the objection stayed text: shown literally, no element created, nothing executed.
        Assert.AreEqual(Xss, (string?)items[0]["text"]);
        Assert.AreEqual(false, (bool?)result["pwned"]);
        Assert.AreEqual(0, (int?)result["imgCount"]);
        StringAssert.EndsWith((string?)items[0]["answer"], "<script>window.__pwned=1</script>");
        CollectionAssert.AreEqual(new[] { "Category Price", "Stage Purchase", "Share 60%" }, items[0]["chips"]!.Select(c => (string?)c).ToArray());
        CollectionAssert.AreEqual(new[] { "Category Integration", "Stage Consideration", "Share 15%" }, items[2]["chips"]!.Select(c => (string?)c).ToArray());
        CollectionAssert.AreEqual(new[] { "Category Security / compliance", "Stage Purchase", "Share 5%" }, items[3]["chips"]!.Select(c => (string?)c).ToArray());
        Assert.AreEqual("en", (string?)result["lang"]);
        Assert.AreEqual(false, (bool?)result["pageUsed"], "Xrm.Page is deprecated");
        Assert.IsTrue(crm.Requests.Contains($"contact({ContactWithPersona})?$select=_jk_personaid_value"), string.Join("\n", crm.Requests));
        Assert.IsTrue(crm.Requests.Contains($"jk_persona({PersonaId})?$select=jk_name,jk_summary"), string.Join("\n", crm.Requests));
        Assert.IsTrue(crm.Requests.Contains("jk_objection?$select=jk_text,jk_category,jk_stage,jk_share,jk_count,jk_suggestedanswer"
            + $"&$filter=_jk_personaid_value eq {PersonaId}&$orderby=jk_count desc&maxpagesize=50"), string.Join("\n", crm.Requests));

        await ScreenshotAsync(page, "objections");
    }

    [TestMethod]
    public async Task Panel_BackedByDataverseEmulatorAfterAPush_ListsThePushedObjections()
    {
        await using var dv = await JourneyKit.Testing.Dataverse.DataverseEmulator.StartAsync(new JourneyKit.Testing.Dataverse.DataverseEmulatorOptions
        {
            Sample = JourneyKit.Testing.Sample.SampleCrm.Generate(21, 50),
        });
        var connector = new JourneyKit.Connectors.Dataverse.DataverseConnector(new JourneyKit.Connectors.Dataverse.DataverseClient(
            new JourneyKit.Connectors.Dataverse.DataverseClientOptions { EnvironmentUrl = dv.BaseUri, AccessToken = dv.AccessToken }));
        var persona = new JourneyKit.Model.Persona
        {
            Id = new JourneyKit.Model.PersonaId("lucy"),
            Name = "Lucy, marketing director",
            Objections =
            [
                new JourneyKit.Model.Objection { Id = new JourneyKit.Model.ObjectionId("price"), Text = Xss, Category = JourneyKit.Model.ObjectionCategory.Price, Count = 12, Share = 0.6, SuggestedAnswer = "Reframe on value." },
                new JourneyKit.Model.Objection { Id = new JourneyKit.Model.ObjectionId("trust"), Text = "Never heard of you", Category = JourneyKit.Model.ObjectionCategory.Trust, Count = 8, Share = 0.4, SuggestedAnswer = "Offer references." },
            ],
        };
        var contact = dv.Sample.Contacts[0].Guid.ToString("D");
        await connector.UpsertPersonaAsync(persona);
        await connector.AssignPersonasAsync([new JourneyKit.Connectors.Abstractions.PersonaAssignment(contact, persona)]);
        await using var crm = await PanelCrm.StartAsync(dv);

        var result = await RenderAsync(Harness(crm, PanelQuery(contact, "contact")));

        Assert.AreEqual("ready", (string?)result["state"], result.ToString());
        Assert.AreEqual("Lucy, marketing director", (string?)result["personaName"]);
        var items = (JArray)result["items"]!;
        CollectionAssert.AreEqual(new[] { "12×", "8×" }, items.Select(i => (string?)i["count"]).ToArray());
        Assert.AreEqual(Xss, (string?)items[0]["text"], "what was pushed, shown as text");
        Assert.AreEqual(false, (bool?)result["pwned"]);
        Assert.AreEqual("Offer references.", (string?)items[1]["answer"]);
        Assert.IsTrue(dv.RequestCounts.Keys.Any(k => k.Contains("jk_objections", StringComparison.Ordinal)), "the panel's query reached the emulator");

        await ScreenshotAsync(Harness(crm, PanelQuery(contact, "contact")), "from-emulator");
    }

    [TestMethod]
    public async Task Panel_ContactWithoutPersona_ShowsEmptyState()
    {
        await using var crm = await StartCrmAsync();
        var page = Harness(crm, PanelQuery(ContactWithoutPersona, "contact") + "&title=Paul%20Durand");

        var result = await RenderAsync(page);

        Assert.AreEqual("no-persona", (string?)result["state"]);
        Assert.AreEqual("This contact has no persona yet.", (string?)result["statusTitle"]);
        Assert.AreEqual(0, ((JArray)result["items"]!).Count);
        Assert.IsFalse(crm.Requests.Any(r => r.StartsWith("jk_objection", StringComparison.Ordinal)));

        await ScreenshotAsync(page, "no-persona");
    }

    [TestMethod]
    public async Task Panel_FailingCall_ShowsErrorWithMessageAsText()
    {
        await using var crm = await StartCrmAsync();
        crm.FailingTable = "jk_objection";
        var page = Harness(crm, PanelQuery(ContactWithPersona, "contact"));

        var result = await RenderAsync(page);

        Assert.AreEqual("error", (string?)result["state"]);
        Assert.AreEqual("The objections could not be loaded.", (string?)result["statusTitle"]);
        Assert.AreEqual("An unexpected error occurred. <b>not markup</b> (0x80040216)", (string?)result["statusDetail"]);

        await ScreenshotAsync(page, "error");
    }

    [TestMethod]
    public async Task Panel_OpportunityFromFormContext_ShowsItsContactsPersona()
    {
        await using var crm = await StartCrmAsync();
        // No query parameters: the form's OnLoad handler hands over the form context with setClientApiContext.
        var page = Harness(crm, $"formContext=1&formId=%7B{Opportunity}%7D&formType=opportunity&title=Contoso%20Social%20%E2%80%93%2050%20seats");

        var result = await RenderAsync(page);

        Assert.AreEqual("ready", (string?)result["state"]);
        Assert.AreEqual(4, ((JArray)result["items"]!).Count);
        Assert.AreEqual($"opportunity({Opportunity})?$select=_parentcontactid_value,_customerid_value", crm.Requests.First());
        Assert.AreEqual(false, (bool?)result["pageUsed"], "the form context, not the deprecated Xrm.Page");

        await ScreenshotAsync(page, "opportunity");
    }

    [TestMethod]
    public async Task Panel_NoParametersAndNoFormContext_AsksToSaveWithoutXrmPage()
    {
        await using var crm = await StartCrmAsync();
        // The record is only in the deprecated Xrm.Page, and no OnLoad handler hands over the context.
        var page = Harness(crm, $"formId=%7B{Opportunity}%7D&formType=opportunity");

        var result = await RenderAsync(page);

        Assert.AreEqual("no-record", (string?)result["state"]);
        Assert.AreEqual(false, (bool?)result["pageUsed"]);
        Assert.IsTrue(crm.Requests.IsEmpty);
    }

    [TestMethod]
    public async Task Panel_LangFr_LabelsAndCategoriesInFrench()
    {
        await using var crm = await StartCrmAsync();
        var page = Harness(crm, "panel=" + Uri.EscapeDataString($"id=%7B{ContactWithPersona}%7D&typename=contact&data=lang%3Dfr"));

        var result = await RenderAsync(page);

        Assert.AreEqual("ready", (string?)result["state"], result.ToString());
        Assert.AreEqual("fr", (string?)result["lang"]);
        Assert.AreEqual("Objections à prévoir", (string?)result["heading"]);
        var items = (JArray)result["items"]!;
        CollectionAssert.AreEqual(new[] { "Catégorie Sécurité / conformité", "Étape Purchase", "Part 5%" }, items[3]["chips"]!.Select(c => (string?)c).ToArray());
        Assert.AreEqual("Catégorie Prix", (string?)items[0]["chips"]![0], "a category without formatted value gets the French label");

        await ScreenshotAsync(page, "fr");
    }

    [TestMethod]
    public async Task Panel_NoLangParameter_FollowsTheUsersLanguage()
    {
        await using var crm = await StartCrmAsync();
        var page = Harness(crm, $"formContext=1&formId=%7B{ContactWithoutPersona}%7D&formType=contact&userLanguage=1036");

        var result = await RenderAsync(page);

        Assert.AreEqual("no-persona", (string?)result["state"]);
        Assert.AreEqual("fr", (string?)result["lang"]);
        Assert.AreEqual("Ce contact n’a pas encore de persona.", (string?)result["statusTitle"]);
    }

    [TestMethod]
    public async Task Panel_DarkColourScheme_DarkBackground()
    {
        await using var crm = await StartCrmAsync();
        var page = Harness(crm, PanelQuery(ContactWithPersona, "contact"));

        var light = await RenderAsync(page);
        var dark = await RenderAsync(page, Chromium.DarkScheme);

        Assert.AreEqual("rgb(255, 255, 255)", (string?)light["background"]);
        Assert.AreEqual("rgb(31, 31, 31)", (string?)dark["background"], "the panel follows prefers-color-scheme: dark");
        Assert.AreEqual("ready", (string?)dark["state"]);

        await ScreenshotAsync(page, "dark", Chromium.DarkScheme);
    }

    [TestMethod]
    public async Task Panel_PersonaWithoutObjections_SaysNoneRecorded()
    {
        await using var crm = await StartCrmAsync();
        crm.Objections.Clear();

        var result = await RenderAsync(Harness(crm, PanelQuery(ContactWithPersona, "contact")));

        Assert.AreEqual("no-objections", (string?)result["state"]);
        Assert.AreEqual("No objections recorded for this persona.", (string?)result["statusTitle"]);
        Assert.AreEqual(true, (bool?)result["personaVisible"]);
    }

    [TestMethod]
    public async Task Harness_MarkupInsertedAsHtml_IsDetected()
    {
        await using var crm = await StartCrmAsync();

        var result = await RenderAsync(Harness(crm, "control=1"));

        // The detector the XSS test relies on does fire when markup is inserted with innerHTML.
        Assert.AreEqual(true, (bool?)result["pwned"]);
        Assert.AreEqual(1, (int?)result["imgCount"]);
    }

    [TestMethod]
    public void ObjectionsPanelHtml_SelfContained_NoExternalResourceOrHtmlInsertion()
    {
        string html = WebResourceFiles.ObjectionsPanelHtml;

        Assert.IsTrue(html.Length > 1000);
        Assert.IsFalse(Regex.IsMatch(html, @"<(script|link|img)[^>]+(src|href)\s*=", RegexOptions.IgnoreCase), "no external script, stylesheet or image");
        Assert.IsFalse(Regex.IsMatch(html, @"https?://", RegexOptions.IgnoreCase), "no absolute URL");
        Assert.IsFalse(Regex.IsMatch(html, @"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write"), "text is inserted with textContent only");
    }
}
