namespace JourneyKit.Dynamics.Install;

/// <summary>One step of an <see cref="InstallPlan"/>.</summary>
/// <param name="Component">The kind of component: publisher, solution, table, column, key, relationship, web resource, form, service endpoint, step, step image, publish.</param>
/// <param name="Name">The component's name, e.g. <c>jk_persona.jk_key</c> or <c>contact form 'Contact'</c>.</param>
/// <param name="Action">What is (or would be) done.</param>
/// <param name="Detail">Why, when it is not obvious (what differs); never a secret.</param>
public sealed record InstallStep(string Component, string Name, InstallAction Action, string? Detail = null);
