using System.Globalization;

namespace JourneyKit.Testing.HubSpot;

public sealed partial class HubSpotEmulator
{
    /// <summary>
    /// Associates two records both ways (no request counted), to arrange a test: e.g. a second contact on a deal, so
    /// that the deal has a buying committee of several contacts.
    /// </summary>
    /// <param name="fromObjectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="fromId">The first record's id.</param>
    /// <param name="toObjectType"><c>contacts</c>, <c>deals</c> or <c>notes</c>.</param>
    /// <param name="toId">The second record's id.</param>
    /// <exception cref="ArgumentException">A record does not exist.</exception>
    public void Associate(string fromObjectType, string fromId, string toObjectType, string toId)
    {
        lock (_store.Gate)
        {
            foreach (var (type, id) in new[] { (fromObjectType, fromId), (toObjectType, toId) })
            {
                if (!_store.Objects.TryGetValue(type, out var objects) || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !objects.ContainsKey(key))
                    throw new ArgumentException($"The emulator has no {type} record {id}.", nameof(fromId));
            }
            _store.Associate(fromObjectType, fromId, toObjectType, toId);
        }
    }
}
