using JourneyKit.Testing.Sample;

namespace JourneyKit.Testing.Dataverse;

/// <summary>How a <see cref="DataverseEmulator"/> is seeded and how strict it is.</summary>
public sealed class DataverseEmulatorOptions
{
    /// <summary>The sample CRM the tables are seeded from.</summary>
    /// <value>The default is <see cref="SampleCrm.Generate"/> with its default seed and size.</value>
    public SampleCrm? Sample { get; init; }

    /// <summary>The bearer token the emulator accepts (change it later with <see cref="Emulation.CrmEmulator.SetAccessToken"/>).</summary>
    /// <value>The default is <c>emulator-token</c>.</value>
    public string AccessToken { get; init; } = "emulator-token";

    /// <summary>
    /// The bearer tokens of further application users, besides <see cref="AccessToken"/>. Each token is its own user, with its
    /// own <see cref="RequestsPerWindow"/> budget, as Dataverse counts service protection per user.
    /// </summary>
    /// <value>The default is none.</value>
    public IReadOnlyList<string> ApplicationUserTokens { get; init; } = [];

    /// <summary>The signed-in user's id, as <c>WhoAmI</c> answers it.</summary>
    /// <value>The default is a fixed id, the same on every run.</value>
    public Guid UserId { get; init; } = new("7a3f2c1e-0000-4000-8000-00000000a001");

    /// <summary>The user's business unit, as <c>WhoAmI</c> answers it.</summary>
    /// <value>The default is a fixed id, the same on every run.</value>
    public Guid BusinessUnitId { get; init; } = new("7a3f2c1e-0000-4000-8000-00000000b001");

    /// <summary>The organization's id, as <c>WhoAmI</c> answers it.</summary>
    /// <value>The default is a fixed id, the same on every run.</value>
    public Guid OrganizationId { get; init; } = new("7a3f2c1e-0000-4000-8000-00000000c001");

    /// <summary>The clock used for service-protection windows, Retry-After, slow responses and the write log.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether the JourneyKit tables (<c>jk_persona</c>, <c>jk_objection</c>, <c>contact.jk_personaid</c>) exist, as after
    /// <c>journeykit dynamics install</c>. When false, the emulator starts without them (and without the JourneyKit
    /// publisher and solution); an install through the metadata endpoints (<c>EntityDefinitions</c>,
    /// <c>RelationshipDefinitions</c>, …) creates them.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool JourneyKitTablesInstalled { get; init; } = true;

    /// <summary>
    /// Whether to hold the sample's journeys as Dataverse keeps them (<see cref="Sample.SampleCrm.Journeys"/>): a lead per
    /// contact (open, or qualified when the contact became a sales-qualified lead), the opportunities' <c>createdon</c>,
    /// <c>salesstage</c> and <c>purchaseprocess</c>, activities in <c>activitypointers</c> regarding the contact or its
    /// opportunity, and the buying committees as stakeholder <c>connections</c> with their <c>connectionroles</c>.
    /// </summary>
    /// <value>The default is <see langword="true"/>; million-contact benchmarks turn it off.</value>
    public bool Journeys { get; init; } = true;

    /// <summary>The largest page the emulator returns, whatever <c>odata.maxpagesize</c> asks.</summary>
    /// <value>The default is 5000, Dataverse's.</value>
    public int MaxPageSize { get; init; } = 5000;

    /// <summary>The most requests one $batch may hold.</summary>
    /// <value>The default is 1000, Dataverse's.</value>
    public int MaxBatchRequests { get; init; } = 1000;

    /// <summary>The longest text a string column takes; longer values fail with a validation error (400).</summary>
    /// <value>The default is 4000.</value>
    public int MaxTextLength { get; init; } = 4000;

    /// <summary>Service protection: the most requests one user (token) may send per <see cref="ServiceProtectionWindow"/>, or null for no limit.</summary>
    /// <value>The default is <see langword="null"/> (Dataverse's is 6000 per 300 s).</value>
    public int? RequestsPerWindow { get; init; }

    /// <summary>The sliding window of <see cref="RequestsPerWindow"/>.</summary>
    /// <value>The default is 300 seconds.</value>
    public TimeSpan ServiceProtectionWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The value of the <c>x-ms-dop-hint</c> header: the parallelism Dataverse suggests.</summary>
    /// <value>The default is 4.</value>
    public int DegreeOfParallelismHint { get; init; } = 4;

    /// <summary>
    /// The tables (logical names) with change tracking enabled (<c>ChangeTrackingEnabled</c>): a query on them with
    /// <c>Prefer: odata.track-changes</c> is answered with <c>@odata.deltaLink</c>; on any other table it fails with 400.
    /// </summary>
    /// <value>The default is contact, account, list, opportunity, opportunityclose and annotation.</value>
    public IReadOnlyCollection<string> ChangeTrackingTables { get; init; } = ["contact", "account", "list", "opportunity", "opportunityclose", "annotation"];

    /// <summary>
    /// How long a delta token stays valid (<c>organization.ExpireChangeTrackingInDays</c>); an older one fails with 400,
    /// "Version stamp associated with the client has expired", measured on <see cref="TimeProvider"/>.
    /// </summary>
    /// <value>The default is 7 days, Dataverse's.</value>
    public TimeSpan ChangeTrackingTokenLifetime { get; init; } = TimeSpan.FromDays(7);
}
