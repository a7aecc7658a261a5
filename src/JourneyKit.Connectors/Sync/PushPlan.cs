using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>What a push would do, for <c>--dry-run</c>: nothing is written to make it.</summary>
/// <param name="Crm">The CRM that would be written.</param>
/// <param name="Personas">Per persona: the contacts and objections it would write.</param>
/// <param name="Requests">The write requests it would send.</param>
public sealed record PushPlan(CrmKind Crm, IReadOnlyList<PushPlanItem> Personas, int Requests)
{
    /// <summary>Contacts that would be assigned a persona.</summary>
    public long Contacts => Personas.Sum(p => p.Contacts);
}
