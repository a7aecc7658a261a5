using JourneyKit.Connectors.Abstractions;
using JourneyKit.Model;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>
/// A HubSpot request failed. <see cref="CrmException.StatusCode"/>, <see cref="CrmException.ErrorCode"/> (HubSpot's
/// <c>category</c>) and <see cref="CrmException.RequestId"/> (the correlation id) say what and where; the message names the
/// endpoint. Messages never contain tokens.
/// </summary>
public class HubSpotException : CrmException
{
    /// <summary>Creates an exception.</summary>
    public HubSpotException() => Crm = CrmKind.HubSpot;

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, naming the endpoint.</param>
    public HubSpotException(string message) : base(message) => Crm = CrmKind.HubSpot;

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong, naming the endpoint.</param>
    /// <param name="innerException">The cause.</param>
    public HubSpotException(string message, Exception? innerException) : base(message, innerException) => Crm = CrmKind.HubSpot;

    /// <summary>HubSpot's error category, e.g. <c>VALIDATION_ERROR</c>, <c>OBJECT_NOT_FOUND</c>, <c>EXPIRED_AUTHENTICATION</c>.</summary>
    public string? Category => ErrorCode;

    /// <summary>HubSpot's correlation id, to quote to HubSpot support.</summary>
    public string? CorrelationId => RequestId;

    /// <summary>HubSpot's sub-category, when given.</summary>
    public string? SubCategory { get; init; }

    /// <summary>The JSON path at which a malformed answer broke, when that is the failure.</summary>
    public string? JsonPath { get; init; }

    /// <summary>The details HubSpot gave, when any.</summary>
    public IReadOnlyList<HubSpotErrorDetail> Errors { get; init; } = [];
}
