using JourneyKit.Model;

namespace JourneyKit.Connectors;

/// <summary>One contact to be given a persona by a push.</summary>
/// <param name="ContactId">The contact's id in the CRM.</param>
/// <param name="Persona">The persona, with the objections to show on the contact.</param>
public sealed record PersonaAssignment(string ContactId, Persona Persona);
