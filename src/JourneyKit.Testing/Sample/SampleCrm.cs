namespace JourneyKit.Testing.Sample;

/// <summary>
/// A deterministic sample CRM: companies, contacts with demographics, segments, deals (some closed
/// lost with reasons in English and French) and notes. The same seed and size always give the same
/// data, so the HubSpot and Dataverse emulators, the demo and tests all see one world.
/// </summary>
public sealed class SampleCrm
{
    /// <summary>The seed the demo and the emulators use by default.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The number of contacts the demo and the emulators use by default.</summary>
    public const int DefaultContactCount = 5000;

    private SampleCrm(int seed, IReadOnlyList<SampleCompany> companies, IReadOnlyList<SampleContact> contacts,
        IReadOnlyList<SampleSegment> segments, IReadOnlyList<SampleDeal> deals, IReadOnlyList<SampleNote> notes)
    {
        Seed = seed;
        Companies = companies;
        Contacts = contacts;
        Segments = segments;
        Deals = deals;
        Notes = notes;
    }

    /// <summary>The seed the data was generated from.</summary>
    public int Seed { get; }

    /// <summary>The companies (HubSpot companies, Dataverse accounts).</summary>
    public IReadOnlyList<SampleCompany> Companies { get; }

    /// <summary>The contacts.</summary>
    public IReadOnlyList<SampleContact> Contacts { get; }

    /// <summary>The segments (HubSpot lists, Dataverse marketing lists).</summary>
    public IReadOnlyList<SampleSegment> Segments { get; }

    /// <summary>The deals (HubSpot deals, Dataverse opportunities).</summary>
    public IReadOnlyList<SampleDeal> Deals { get; }

    /// <summary>The notes (HubSpot notes, Dataverse opportunity-close descriptions and annotations).</summary>
    public IReadOnlyList<SampleNote> Notes { get; }

    /// <summary>
    /// The contacts' journeys (stage history, activities, surveys, buying committees), generated on first use from a
    /// random sequence of their own, so they add to the data above without changing it.
    /// </summary>
    public SampleJourneys Journeys => LazyInitializer.EnsureInitialized(ref _journeys, () => SampleJourneys.Generate(this));

    private SampleJourneys? _journeys;

    /// <summary>
    /// The number of activities the journeys carry in all, spread evenly over the contacts (the first
    /// <c>ActivityCount % contacts</c> contacts get one more); null for the default of one to six a contact, as the persona's channels draw them.
    /// </summary>
    public int? ActivityCount { get; private init; }

    /// <summary>
    /// The same sample (companies, contacts, segments, deals and notes unchanged) whose journeys carry exactly
    /// <paramref name="activityCount"/> activities: what a benchmark of many activities a contact measures.
    /// </summary>
    /// <param name="activityCount">The activities in all, at least 0.</param>
    /// <returns>A new sample; its journeys are generated afresh.</returns>
    public SampleCrm WithActivityCount(int activityCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activityCount);
        return new SampleCrm(Seed, Companies, Contacts, Segments, Deals, Notes) { ActivityCount = activityCount };
    }

    /// <summary>Generates the sample CRM.</summary>
    /// <param name="seed">The seed; the same seed and size give the same data.</param>
    /// <param name="contactCount">The number of contacts, at least 10.</param>
    /// <returns>The sample CRM.</returns>
    public static SampleCrm Generate(int seed = DefaultSeed, int contactCount = DefaultContactCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contactCount, 10);
        var rng = new SampleRandom(seed);
        var epoch = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

        int companyCount = Math.Max(5, contactCount / 8);
        var companies = new List<SampleCompany>(companyCount);
        for (int i = 0; i < companyCount; i++)
        {
            var size = rng.Pick(CompanySizes);
            int employees = rng.Next(size.Min, size.Max + 1);
            var (country, states) = rng.Pick(Countries);
            companies.Add(new SampleCompany(
                Id: (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Guid: rng.NextGuid(),
                Name: $"{rng.Pick(CompanyWords)} {rng.Pick(CompanySuffixes)} {i}",
                Employees: employees,
                AnnualRevenue: employees * rng.Next(60, 240) * 1000m,
                Industry: rng.Pick(Industries),
                Country: country,
                State: rng.Pick(states)));
        }

        var contacts = new List<SampleContact>(contactCount);
        for (int i = 0; i < contactCount; i++)
        {
            var archetype = rng.PickWeighted(Archetypes, a => a.Weight);
            var company = companies[archetype.SmallCompanies
                ? rng.Next(0, companyCount) is var k && companies[k].Employees < 200 ? k : rng.Next(0, companyCount)
                : rng.Next(0, companyCount)];
            bool female = rng.NextDouble() < archetype.FemaleShare;
            int age = rng.Next(archetype.MinAge, archetype.MaxAge + 1);
            var birth = new DateOnly(2026 - age, rng.Next(1, 13), rng.Next(1, 29));
            var first = female ? rng.Pick(FemaleNames) : rng.Pick(MaleNames);
            var last = rng.Pick(LastNames);
            contacts.Add(new SampleContact(
                Id: (50000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Guid: rng.NextGuid(),
                FirstName: first,
                LastName: last,
                Email: $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i}@example.com",
                Gender: rng.NextDouble() < 0.04 ? null : female ? "female" : "male",
                BirthDate: rng.NextDouble() < 0.1 ? null : birth,
                JobTitle: rng.NextDouble() < 0.03 ? null : rng.Pick(archetype.Titles),
                Role: archetype.Role,
                AnnualIncome: rng.NextDouble() < 0.15 ? null : Math.Round(archetype.Income * (decimal)(0.7 + (rng.NextDouble() * 0.6)) / 1000m) * 1000m,
                FamilyStatus: rng.NextDouble() < 0.2 ? null : rng.Pick(FamilyStatuses),
                Country: company.Country,
                State: company.State,
                City: rng.Pick(Cities),
                CompanyId: company.Id,
                Archetype: archetype.Key,
                CreatedAt: epoch.AddMinutes(i * 7),
                UpdatedAt: epoch.AddMinutes((i * 7) + rng.Next(0, 100000))));
        }

        var segments = new List<SampleSegment>();
        int listId = 11;
        foreach (var archetype in Archetypes)
        {
            var members = contacts.Where(c => c.Archetype == archetype.Key).Select(c => c.Id).ToList();
            segments.Add(new SampleSegment((listId++).ToString(System.Globalization.CultureInfo.InvariantCulture), rng.NextGuid(),
                archetype.SegmentName, IsDynamic: false, members, archetype.Key));
        }
        // A dynamic segment, defined by a rule rather than a member list: contacts in companies of 500+.
        var large = new HashSet<string>(companies.Where(c => c.Employees >= 500).Select(c => c.Id));
        segments.Add(new SampleSegment((listId++).ToString(System.Globalization.CultureInfo.InvariantCulture), rng.NextGuid(),
            "Enterprise contacts (500+ employees)", IsDynamic: true,
            contacts.Where(c => large.Contains(c.CompanyId)).Select(c => c.Id).ToList(), null));

        var deals = new List<SampleDeal>();
        var notes = new List<SampleNote>();
        int dealNo = 0, noteNo = 0;
        foreach (var contact in contacts)
        {
            if (rng.NextDouble() > 0.35) continue;
            var archetype = Archetypes.First(a => a.Key == contact.Archetype);
            var closed = epoch.AddDays(rng.Next(30, 600));
            var outcome = rng.NextDouble();
            string stage = outcome < 0.45 ? "closedlost" : outcome < 0.7 ? "closedwon" : rng.Pick(OpenStages);
            string? reason = null;
            string? category = null;
            if (stage == "closedlost")
            {
                var r = rng.PickWeighted(archetype.LostReasons, x => x.Weight);
                bool french = contact.Country == "France" || rng.NextDouble() < 0.08;
                reason = french ? r.French : r.English;
                category = r.Category;
            }
            var deal = new SampleDeal(
                Id: (900000 + dealNo).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Guid: rng.NextGuid(),
                Name: $"{archetype.Product} for {contact.LastName}",
                ContactId: contact.Id,
                Stage: stage,
                Amount: rng.Next(3, 120) * 500m,
                CloseDate: closed,
                LostReason: reason,
                LostCategory: category);
            deals.Add(deal);
            dealNo++;
            if (stage == "closedlost" && rng.NextDouble() < 0.6)
            {
                var r = rng.PickWeighted(archetype.LostReasons, x => x.Weight);
                notes.Add(new SampleNote(
                    Id: (700000 + noteNo).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Guid: rng.NextGuid(),
                    Body: $"<p>Call with {contact.FirstName} {contact.LastName} ({contact.Email}, +33 6 12 34 56 {rng.Next(10, 99)}): {r.Note}</p>",
                    ContactId: contact.Id,
                    DealId: deal.Id,
                    Timestamp: closed.AddDays(-rng.Next(1, 20)),
                    Category: r.Category));
                noteNo++;
            }
        }

        return new SampleCrm(seed, companies, contacts, segments, deals, notes);
    }

    private static readonly (int Min, int Max)[] CompanySizes = [(1, 9), (10, 49), (50, 199), (200, 499), (500, 999), (1000, 5000)];
    private static readonly (string, string[])[] Countries =
    [
        ("United States", ["California", "New York", "Texas", "Illinois"]),
        ("France", ["Île-de-France", "Auvergne-Rhône-Alpes", "Occitanie"]),
        ("United Kingdom", ["England", "Scotland"]),
        ("Germany", ["Bavaria", "Berlin", "Hesse"]),
        ("Canada", ["Quebec", "Ontario"]),
    ];
    private static readonly string[] CompanyWords = ["Blue", "North", "Bright", "Cedar", "Atlas", "Nimbus", "Harbor", "Summit", "Vertex", "Orchid"];
    private static readonly string[] CompanySuffixes = ["Labs", "Retail", "Logistics", "Media", "Health", "Systems", "Foods", "Studio"];
    private static readonly string[] Industries = ["Retail", "Software", "Healthcare", "Manufacturing", "Financial Services", "Education", "Media", "Hospitality"];
    private static readonly string[] FemaleNames = ["Lucy", "Emma", "Chloé", "Olivia", "Sofia", "Claire", "Hannah", "Inès", "Maya", "Julia"];
    private static readonly string[] MaleNames = ["Liam", "Noah", "Hugo", "Lucas", "Ethan", "Louis", "Felix", "Adam", "Oscar", "Tom"];
    private static readonly string[] LastNames = ["Martin", "Smith", "Bernard", "Johnson", "Dubois", "Brown", "Müller", "Garcia", "Laurent", "Wilson", "O'Brien"];
    private static readonly string[] Cities = ["Springfield", "Riverside", "Lyon", "Manchester", "Munich", "Toronto", "Austin", "Bordeaux"];
    private static readonly string[] FamilyStatuses = ["single", "married", "divorced", "widowed"];
    private static readonly string[] OpenStages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent"];

    private static readonly SampleArchetype[] Archetypes =
    [
        new("marketing-leaders", "Marketing leaders", 0.4, 0.62, 38, 58, 118000m, "decision_maker", false, "Social media suite",
            ["Marketing Director", "Head of Marketing", "CMO", "VP Marketing", "Marketing Manager", "Brand Director"],
            [
                new("price", 5, "Too expensive for our budget this year", "Trop cher pour notre budget cette année", "They said the price per seat is above what the board approved."),
                new("trust", 3, "Not sure the analytics are accurate enough to report to the board", "Pas sûr que les statistiques soient assez fiables pour le comité", "Worried the reports won't hold up in front of the board."),
                new("complexity", 3, "Team has no time to learn another tool", "L'équipe n'a pas le temps d'apprendre un nouvel outil", "Her team is stretched; onboarding looked too heavy."),
                new("competitor", 2, "Went with Hootsuite instead", "A choisi un concurrent déjà en place", "They renewed with the incumbent tool."),
                new("timing", 2, "Revisit after the product launch next quarter", "À revoir après le lancement du trimestre prochain", "Asked us to call back after the launch."),
            ]),
        new("it-decision-makers", "IT decision makers", 0.35, 0.22, 32, 60, 132000m, "decision_maker", false, "Data platform",
            ["CIO", "IT Director", "Head of IT", "CTO", "IT Manager", "Security Architect"],
            [
                new("security", 5, "Security review failed: no SSO and unclear data residency", "Échec de la revue sécurité : pas de SSO, hébergement des données flou", "Security team asked for SOC 2 report and EU data residency."),
                new("integration", 4, "Does not integrate with our ERP", "Ne s'intègre pas à notre ERP", "Needs a connector to their ERP before they can move."),
                new("authority", 2, "Procurement needs the CFO's approval first", "Les achats attendent l'accord du DAF", "Decision sits with the CFO; our champion can't sign."),
                new("price", 2, "Licence cost higher than the current vendor", "Coût de licence plus élevé que le fournisseur actuel", "Compared our quote with their current contract."),
            ]),
        new("small-business-owners", "Small business owners", 0.25, 0.45, 26, 55, 64000m, "owner", true, "Starter plan",
            ["Owner", "Founder", "Managing Director", "Co-founder", "Shop Owner"],
            [
                new("price", 6, "Monthly fee is too high for a small shop", "L'abonnement mensuel est trop cher pour une petite boutique", "Said every euro counts; wants a cheaper plan."),
                new("need", 3, "Don't see the need right now, spreadsheets work fine", "Pas besoin pour l'instant, les tableurs suffisent", "Happy with spreadsheets for now."),
                new("timing", 2, "Too busy with the holiday season", "Trop occupé avec la saison des fêtes", "Call back in January."),
                new("trust", 1, "Never heard of your company", "Ne connaît pas votre entreprise", "Wants reviews from other shop owners."),
            ]),
    ];

    private sealed record SampleArchetype(string Key, string SegmentName, double Weight, double FemaleShare, int MinAge, int MaxAge,
        decimal Income, string Role, bool SmallCompanies, string Product, string[] Titles, SampleReason[] LostReasons);

    private sealed record SampleReason(string Category, double Weight, string English, string French, string Note);
}
