using JourneyKit.Model;

namespace JourneyKit.Connectors.Sync;

/// <summary>One persona's part of a <see cref="PushPlan"/>.</summary>
/// <param name="PersonaId">The persona.</param>
/// <param name="Name">Its name.</param>
/// <param name="Segments">The segments it is bound to in the CRM.</param>
/// <param name="Contacts">The contacts that would be assigned to it (a contact already assigned to a more valuable persona is not counted again).</param>
/// <param name="Objections">The objections that would be written with it.</param>
public sealed record PushPlanItem(PersonaId PersonaId, string Name, IReadOnlyList<string> Segments, long Contacts, int Objections);
