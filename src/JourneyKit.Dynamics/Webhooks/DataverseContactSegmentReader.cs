using JourneyKit.Connectors.Dataverse;

namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// Reads which of the map's bound marketing lists a contact is a member of, through
/// <see cref="DataverseConnector.GetContactSegmentIdsAsync"/>: static lists with one request, dynamic lists by their
/// FetchXML narrowed to the contact.
/// </summary>
public class DataverseContactSegmentReader : IContactSegmentReader
{
    private readonly DataverseConnector _connector = null!;
    private readonly IReadOnlyCollection<string> _segmentIds = [];

    /// <summary>For mocking only.</summary>
    protected DataverseContactSegmentReader()
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="client">The Dataverse client (an application user with read on contact and marketing list).</param>
    /// <param name="segmentIds">The segment (list) ids bound to personas: only these are checked.</param>
    public DataverseContactSegmentReader(DataverseClient client, IEnumerable<string> segmentIds)
        : this(new DataverseConnector(client ?? throw new ArgumentNullException(nameof(client))), segmentIds)
    {
    }

    /// <summary>Creates a reader over a connector.</summary>
    /// <param name="connector">The Dataverse connector.</param>
    /// <param name="segmentIds">The segment (list) ids bound to personas: only these are checked.</param>
    public DataverseContactSegmentReader(DataverseConnector connector, IEnumerable<string> segmentIds)
    {
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _segmentIds = (segmentIds ?? throw new ArgumentNullException(nameof(segmentIds))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <inheritdoc />
    /// <exception cref="DataverseException">A read failed; <c>IsTransient</c> says whether a retry may help.</exception>
    public virtual Task<IReadOnlyCollection<string>> GetSegmentIdsAsync(Guid contactId, CancellationToken cancellationToken = default) =>
        _connector.GetContactSegmentIdsAsync(contactId.ToString("D"), _segmentIds, cancellationToken);
}
