using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>One contact to be given a persona by a push.</summary>
/// <param name="ContactId">The contact's id in the CRM.</param>
/// <param name="Persona">The persona, with the objections to show on the contact.</param>
public sealed record PersonaAssignment(string ContactId, Persona Persona)
{
    /// <summary>
    /// The map the persona comes from, when known: its stage names label the objections and its
    /// <see cref="JourneyMap.UpdatedAt"/> dates the data that reps see (so they can tell when it is stale).
    /// </summary>
    /// <value>The default is null: objections carry their stage ids and the data carries no date.</value>
    public JourneyMap? Map { get; init; }
}
