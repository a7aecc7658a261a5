using JourneyKit.Connectors.HubSpot.Models;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>Associations between records (<c>/crm/v4/associations</c>).</summary>
public class HubSpotAssociationsClient
{
    private readonly HubSpotConnection _connection;

    /// <summary>For mocking.</summary>
    protected HubSpotAssociationsClient() => _connection = null!;

    internal HubSpotAssociationsClient(HubSpotConnection connection) => _connection = connection;

    /// <summary>The most ids one <see cref="BatchReadAsync"/> takes.</summary>
    public virtual int MaxBatchSize => _connection.Options.AssociationBatchSize;

    /// <summary>Reads the records associated with each of the given records.</summary>
    /// <param name="fromObjectType">The type of the given records, e.g. <c>contacts</c>.</param>
    /// <param name="toObjectType">The type of the associated records, e.g. <c>deals</c>.</param>
    /// <param name="ids">At most <see cref="MaxBatchSize"/> record ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One entry per given record that has associations.</returns>
    public virtual async Task<IReadOnlyList<HubSpotAssociation>> BatchReadAsync(string fromObjectType, string toObjectType, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromObjectType);
        ArgumentException.ThrowIfNullOrWhiteSpace(toObjectType);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(ids), ids.Count, $"An associations batch read takes at most {MaxBatchSize} ids.");
        if (ids.Count == 0) return [];
        var body = new { inputs = ids.Select(id => new { id }).ToArray() };
        var result = await _connection.PostAsync<WireResults<WireAssociationResult>>(
            $"crm/v4/associations/{Uri.EscapeDataString(fromObjectType)}/{Uri.EscapeDataString(toObjectType)}/batch/read", body, cancellationToken).ConfigureAwait(false);
        return (result.Results ?? [])
            .Where(r => r.From?.Id is not null)
            .Select(r => new HubSpotAssociation(r.From!.Id!, (r.To ?? []).Select(t => t.ToObjectId).OfType<string>().ToArray()))
            .ToArray();
    }
}
