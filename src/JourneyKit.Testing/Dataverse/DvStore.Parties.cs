using JourneyKit.Testing.Sample;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Testing.Dataverse;

// Activity parties: who took part in each activity (participationtypemask 1 Sender, 2 To recipient, 5 Required
// attendee, 8 Regarding), as Dataverse keeps them for e-mails, phone calls and appointments.
internal sealed partial class DvStore
{
    /// <summary>Whether an activity of the sample regards nothing and is linked to its contact by its parties only (one in five e-mails and meetings not on a deal).</summary>
    internal static bool PartiesOnly(Guid activity) => activity.ToByteArray()[0] % 5 == 0;

    private void AddParties(SampleActivity a, Guid contact, bool regardingContact)
    {
        var parties = Tables["activityparties"];
        int? mask = a.Kind switch
        {
            "emails" or "calls" => a.Direction is "OUTBOUND" or "EMAIL" ? 2 : 1,
            "meetings" => 5,
            _ => null,
        };
        if (mask is { } m) parties.Add(Party(a.Guid, contact, m, 1));
        if (regardingContact) parties.Add(Party(a.Guid, contact, 8, 2));
    }

    private static JObject Party(Guid activity, Guid contact, int mask, byte salt) => new()
    {
        ["activitypartyid"] = Derive(activity, (byte)(0xC0 + salt)), ["_activityid_value"] = activity, ["_partyid_value"] = contact, ["participationtypemask"] = mask,
    };
}
