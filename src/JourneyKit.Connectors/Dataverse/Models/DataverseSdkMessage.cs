namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An SDK message (<c>sdkmessages</c>), e.g. <c>Create</c> or <c>Update</c>.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Name">The message name.</param>
public sealed record DataverseSdkMessage(Guid Id, string Name);
