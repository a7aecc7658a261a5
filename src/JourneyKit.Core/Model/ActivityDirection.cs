namespace JourneyKit.Model;

/// <summary>Which way an activity went, for the kinds whose CRM records it (calls, emails, communications).</summary>
public enum ActivityDirection
{
    /// <summary>From the customer to the business (HubSpot <c>INBOUND</c> / <c>INCOMING_EMAIL</c>, Dataverse <c>directioncode</c> false).</summary>
    Inbound,

    /// <summary>From the business to the customer (HubSpot <c>OUTBOUND</c> / <c>EMAIL</c>, Dataverse <c>directioncode</c> true).</summary>
    Outbound,
}
