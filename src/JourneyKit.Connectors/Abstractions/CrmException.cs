using JourneyKit.Model;

namespace JourneyKit.Connectors.Abstractions;

/// <summary>
/// A request to a CRM failed. Carries what a caller needs to decide what to do: the HTTP status, the
/// CRM's error code, the request id to quote to support, and whether trying again may help.
/// Messages never contain tokens or secrets.
/// </summary>
public class CrmException : Exception
{
    /// <summary>Creates an exception.</summary>
    public CrmException() { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, naming the place.</param>
    public CrmException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong, naming the place.</param>
    /// <param name="innerException">The cause.</param>
    public CrmException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The CRM that failed.</summary>
    public CrmKind Crm { get; init; }

    /// <summary>The HTTP status, when a response came back.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The CRM's error code or category (HubSpot <c>category</c>, Dataverse <c>error.code</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The CRM's request id (HubSpot correlation id, Dataverse <c>REQ_ID</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>The request that failed, as "METHOD path" without query secrets.</summary>
    public string? Request { get; init; }

    /// <summary>Whether the same request may succeed if tried again later.</summary>
    public bool IsTransient { get; init; }
}
