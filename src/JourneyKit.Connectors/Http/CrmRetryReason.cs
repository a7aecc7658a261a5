namespace JourneyKit.Connectors.Http;

/// <summary>Why the pipeline sends a request again; the metric tag values are <see cref="CrmHttpDialect.Tag"/>.</summary>
internal enum CrmRetryReason
{
    Unauthorized,
    Throttled,
    OtherIdentity,
    ServerError,
    Connection,
    ConnectionMidResponse,
    MalformedBody,
}
