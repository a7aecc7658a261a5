using JourneyKit.Model;

namespace JourneyKit.Dynamics.Personas;

/// <summary>The persona chosen for a contact and why.</summary>
/// <param name="PersonaId">The chosen persona.</param>
/// <param name="Reason">A short explanation for logs, e.g. "explicit rule 2 (job title contains 'market')".</param>
public sealed record PersonaDecision(PersonaId PersonaId, string Reason);
