using System.Diagnostics.Metrics;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>
/// What syncs cost and found, through <see cref="System.Diagnostics.Metrics"/> (OpenTelemetry, or
/// <c>dotnet-counters monitor --counters JourneyKit.Sync</c>): requests and 429 answers per CRM, contacts read and
/// written, changes read by incremental populates, and drifted personas. Every instrument is tagged <c>crm</c>
/// (<c>hubspot</c>, <c>dataverse</c>). The clients' retries have their own meters (<c>JourneyKit.HubSpot</c>,
/// <c>JourneyKit.Dataverse</c>).
/// </summary>
public static class SyncMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JourneyKit.Sync";

    /// <summary>Counter of answers received from a CRM (every attempt, retries included), tagged <c>crm</c>, <c>http.response.status_code</c> and <c>server.address</c>.</summary>
    public const string Requests = "journeykit.crm.requests";

    /// <summary>Counter of 429 (rate limited) answers received from a CRM, tagged <c>crm</c> and <c>server.address</c>.</summary>
    public const string Throttled = "journeykit.crm.throttled";

    /// <summary>Counter of the distinct contacts each populate counted, tagged <c>crm</c>.</summary>
    public const string ContactsRead = "journeykit.sync.contacts_read";

    /// <summary>Counter of contacts each push wrote their persona onto, tagged <c>crm</c>.</summary>
    public const string ContactsWritten = "journeykit.sync.contacts_written";

    /// <summary>Counter of the changes (changed contacts, joins, leavers, changed deals and notes) incremental populates applied, tagged <c>crm</c>.</summary>
    public const string ChangesRead = "journeykit.sync.changes_read";

    /// <summary>Counter of personas a populate found drifted past their threshold (docs/drift.md), tagged <c>crm</c>.</summary>
    public const string PersonasDrifted = "journeykit.sync.personas_drifted";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RequestCounter = Meter.CreateCounter<long>(Requests, "{request}", "Answers received from a CRM.");
    private static readonly Counter<long> ThrottledCounter = Meter.CreateCounter<long>(Throttled, "{request}", "429 answers received from a CRM.");
    private static readonly Counter<long> ContactsReadCounter = Meter.CreateCounter<long>(ContactsRead, "{contact}", "Contacts counted by populates.");
    private static readonly Counter<long> ContactsWrittenCounter = Meter.CreateCounter<long>(ContactsWritten, "{contact}", "Contacts written by pushes.");
    private static readonly Counter<long> ChangesReadCounter = Meter.CreateCounter<long>(ChangesRead, "{change}", "Changes applied by incremental populates.");
    private static readonly Counter<long> DriftedCounter = Meter.CreateCounter<long>(PersonasDrifted, "{persona}", "Personas found drifted by populates.");

    private static KeyValuePair<string, object?> Crm(CrmKind crm) => Crm([crm]);

    /// <summary>The <c>crm</c> tag; a populate over several CRMs is tagged with all of them (<c>dataverse+hubspot</c>).</summary>
    private static KeyValuePair<string, object?> Crm(IEnumerable<CrmKind> crms) => new("crm", string.Join('+', crms.Select(c => c.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal)));

    internal static void Answer(CrmKind crm, int status, string? server)
    {
        var address = new KeyValuePair<string, object?>("server.address", server);
        RequestCounter.Add(1, Crm(crm), new KeyValuePair<string, object?>("http.response.status_code", status), address);
        if (status == 429) ThrottledCounter.Add(1, Crm(crm), address);
    }

    internal static void Populated(IEnumerable<CrmKind> crms, PopulateResult result)
    {
        var crm = Crm(crms);
        ContactsReadCounter.Add(result.ContactsRead, crm);
        if (result.Incremental) ChangesReadCounter.Add(result.ChangesRead, crm);
        DriftedCounter.Add(result.Map.Personas.Count(p => result.PersonasUpdated.Contains(p.Id) && p.Drift?.HasDrifted == true), crm);
    }

    internal static void Pushed(CrmKind crm, long contacts) => ContactsWrittenCounter.Add(contacts, Crm(crm));
}
