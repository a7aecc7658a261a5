namespace JourneyKit.Model;

/// <summary>A kind of CRM activity that an <see cref="ActivityBinding"/> counts as a touchpoint.</summary>
public enum CrmActivityKind
{
    /// <summary>HubSpot: a logged call (<c>calls</c>).</summary>
    Call,

    /// <summary>HubSpot: a one-to-one email (<c>emails</c>); Dataverse: an e-mail activity (<c>email</c>).</summary>
    Email,

    /// <summary>HubSpot: a meeting (<c>meetings</c>).</summary>
    Meeting,

    /// <summary>HubSpot: a logged SMS, WhatsApp or LinkedIn message (<c>communications</c>); its channel narrows which.</summary>
    Communication,

    /// <summary>HubSpot: a marketing email sent to the contact.</summary>
    MarketingEmail,

    /// <summary>HubSpot: a form submission (conversion) by the contact.</summary>
    FormSubmission,

    /// <summary>Dataverse: a phone call activity (<c>phonecall</c>).</summary>
    PhoneCall,

    /// <summary>Dataverse: an appointment (<c>appointment</c>).</summary>
    Appointment,

    /// <summary>Dataverse: a task (<c>task</c>).</summary>
    Task,

    /// <summary>Dataverse: a campaign response (<c>campaignresponse</c>).</summary>
    CampaignResponse,
}
