namespace JourneyKit.Model;

/// <summary>
/// Binds a touchpoint of the map to a kind of CRM activity, so that the touchpoints customers really met can be
/// measured from the CRM: each activity of that kind on a customer's record (narrowed by the optional filters,
/// which must all match) is one visit of the touchpoint. Text filters compare ignoring case.
/// </summary>
public sealed record ActivityBinding
{
    /// <summary>The CRM the activities live in.</summary>
    public required CrmKind Crm { get; init; }

    /// <summary>The kind of activity (see <see cref="CrmStageBindings.ActivityKindsOf"/> for the kinds each CRM has).</summary>
    public required CrmActivityKind Kind { get; init; }

    /// <summary>
    /// The channel of the activities counted. For HubSpot communications it narrows them to one channel:
    /// <see cref="Channel.Sms"/> (SMS), <see cref="Channel.Chat"/> (WhatsApp) or <see cref="Channel.Social"/>
    /// (LinkedIn messages); for Dataverse campaign responses it narrows them by <c>channeltypecode</c>. Null counts
    /// every activity of the kind, whose channel is then <see cref="CrmStageBindings.ChannelOf"/> the kind.
    /// </summary>
    public Channel? Channel { get; init; }

    /// <summary>Only activities that went this way (calls, emails, communications, phone calls); null for both.</summary>
    public ActivityDirection? Direction { get; init; }

    /// <summary>
    /// Only activities with this outcome, e.g. a HubSpot call disposition or meeting outcome (<c>COMPLETED</c>,
    /// <c>NO_SHOW</c>) or a Dataverse status reason (<c>statuscode</c> label); null for any.
    /// </summary>
    public string? Outcome { get; init; }

    /// <summary>Only activities whose subject (title) starts with this text, e.g. <c>"Demo:"</c>; null for any.</summary>
    public string? SubjectPrefix { get; init; }

    /// <summary>Only activities from this source: a HubSpot form GUID or marketing email id, or a Dataverse campaign id; null for any.</summary>
    public string? SourceId { get; init; }
}
