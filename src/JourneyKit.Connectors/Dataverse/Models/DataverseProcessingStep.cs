namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>An SDK message processing step (<c>sdkmessageprocessingsteps</c>): when Dataverse calls a plug-in or webhook.</summary>
public sealed record DataverseProcessingStep
{
    /// <summary>The id; null for one still to create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The stage: 10 pre-validation, 20 pre-operation, 40 post-operation.</summary>
    public int? Stage { get; init; }

    /// <summary>The mode: 0 synchronous, 1 asynchronous.</summary>
    public int? Mode { get; init; }

    /// <summary>The order among steps of the same stage.</summary>
    public int? Rank { get; init; }

    /// <summary>Where it runs: 0 server only.</summary>
    public int? SupportedDeployment { get; init; }

    /// <summary>Whether successful asynchronous jobs are deleted.</summary>
    public bool? AsyncAutoDelete { get; init; }

    /// <summary>The columns whose change triggers an Update step (comma-separated); null for all.</summary>
    public string? FilteringAttributes { get; init; }

    /// <summary>The SDK message.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>The SDK message filter (message + table).</summary>
    public Guid? MessageFilterId { get; init; }

    /// <summary>The service endpoint it calls.</summary>
    public Guid? ServiceEndpointId { get; init; }
}
