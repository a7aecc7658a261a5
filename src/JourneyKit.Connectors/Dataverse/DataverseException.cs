using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.Dataverse;

/// <summary>
/// A Dataverse request failed: carries the HTTP status, Dataverse's error code (e.g. <c>0x80040217</c> for a
/// missing record), the <c>REQ_ID</c> to quote to Microsoft support, and whether trying again may help.
/// Messages never contain tokens or client secrets.
/// </summary>
public class DataverseException : CrmException
{
    /// <summary>Creates an exception.</summary>
    public DataverseException() => Crm = CrmKind.Dataverse;

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, naming the place.</param>
    public DataverseException(string message) : base(message) => Crm = CrmKind.Dataverse;

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong, naming the place.</param>
    /// <param name="innerException">The cause.</param>
    public DataverseException(string message, Exception? innerException) : base(message, innerException) => Crm = CrmKind.Dataverse;

    /// <summary>The error message Dataverse returned, when it returned one.</summary>
    public string? ServiceMessage { get; init; }
}
