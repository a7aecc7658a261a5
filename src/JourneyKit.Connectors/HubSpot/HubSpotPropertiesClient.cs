using JourneyKit.Connectors.HubSpot.Models;

namespace JourneyKit.Connectors.HubSpot;

/// <summary>Property definitions and groups (<c>/crm/v3/properties</c>).</summary>
public class HubSpotPropertiesClient
{
    private readonly HubSpotConnection _connection;

    /// <summary>For mocking.</summary>
    protected HubSpotPropertiesClient() => _connection = null!;

    internal HubSpotPropertiesClient(HubSpotConnection connection) => _connection = connection;

    /// <summary>Reads one property definition.</summary>
    /// <param name="objectType">The object type, e.g. <c>contacts</c>.</param>
    /// <param name="name">The property's internal name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The property, or null when it does not exist.</returns>
    public virtual async Task<HubSpotProperty?> GetAsync(string objectType, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectType);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            return await _connection.GetAsync<HubSpotProperty>($"crm/v3/properties/{Uri.EscapeDataString(objectType)}/{Uri.EscapeDataString(name)}", cancellationToken).ConfigureAwait(false);
        }
        catch (HubSpotException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Reads all property definitions of an object type.</summary>
    /// <param name="objectType">The object type, e.g. <c>contacts</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties.</returns>
    public virtual Task<IReadOnlyList<HubSpotProperty>> ListAsync(string objectType, CancellationToken cancellationToken = default) =>
        ListAsync(objectType, archived: false, cancellationToken);

    /// <summary>Reads the property definitions of an object type, the live ones or the archived ones (HubSpot's recycling bin).</summary>
    /// <param name="objectType">The object type, e.g. <c>contacts</c>.</param>
    /// <param name="archived">True for the archived properties only, false for the live ones.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties.</returns>
    public virtual async Task<IReadOnlyList<HubSpotProperty>> ListAsync(string objectType, bool archived, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectType);
        var path = $"crm/v3/properties/{Uri.EscapeDataString(objectType)}" + (archived ? "?archived=true" : string.Empty);
        var page = await _connection.GetAsync<WireResults<HubSpotProperty>>(path, cancellationToken).ConfigureAwait(false);
        return page.Results ?? [];
    }

    /// <summary>Creates a property.</summary>
    /// <param name="objectType">The object type, e.g. <c>contacts</c>.</param>
    /// <param name="property">The definition.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The created property.</returns>
    /// <exception cref="HubSpotException">It exists already (409) or the definition is invalid (400).</exception>
    public virtual Task<HubSpotProperty> CreateAsync(string objectType, HubSpotPropertyCreateRequest property, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectType);
        ArgumentNullException.ThrowIfNull(property);
        return _connection.PostAsync<HubSpotProperty>($"crm/v3/properties/{Uri.EscapeDataString(objectType)}", property, cancellationToken);
    }

    /// <summary>Reads the property groups of an object type.</summary>
    /// <param name="objectType">The object type, e.g. <c>contacts</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The groups.</returns>
    public virtual async Task<IReadOnlyList<HubSpotPropertyGroup>> ListGroupsAsync(string objectType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectType);
        var page = await _connection.GetAsync<WireResults<HubSpotPropertyGroup>>($"crm/v3/properties/{Uri.EscapeDataString(objectType)}/groups", cancellationToken).ConfigureAwait(false);
        return page.Results ?? [];
    }

    /// <summary>Creates a property group.</summary>
    /// <param name="objectType">The object type, e.g. <c>contacts</c>.</param>
    /// <param name="group">The group.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The created group.</returns>
    /// <exception cref="HubSpotException">It exists already (409).</exception>
    public virtual Task<HubSpotPropertyGroup> CreateGroupAsync(string objectType, HubSpotPropertyGroupCreateRequest group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectType);
        ArgumentNullException.ThrowIfNull(group);
        return _connection.PostAsync<HubSpotPropertyGroup>($"crm/v3/properties/{Uri.EscapeDataString(objectType)}/groups", group, cancellationToken);
    }
}
