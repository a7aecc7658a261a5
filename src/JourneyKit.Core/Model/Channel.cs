namespace JourneyKit.Model;

/// <summary>The medium through which a customer meets the business at a touchpoint.</summary>
public enum Channel
{
    /// <summary>Voice calls, inbound or outbound.</summary>
    Phone,

    /// <summary>Email messages and newsletters.</summary>
    Email,

    /// <summary>The website, web app or landing pages.</summary>
    Web,

    /// <summary>Social networks.</summary>
    Social,

    /// <summary>Search engines, organic or paid.</summary>
    Search,

    /// <summary>Live chat or chatbots.</summary>
    Chat,

    /// <summary>A physical shop or office.</summary>
    Store,

    /// <summary>Trade shows, webinars, meetups.</summary>
    Event,

    /// <summary>Paid advertising outside search.</summary>
    Advertising,

    /// <summary>Recommendations from peers.</summary>
    WordOfMouth,

    /// <summary>Text messages.</summary>
    Sms,

    /// <summary>Any other channel.</summary>
    Other,
}
