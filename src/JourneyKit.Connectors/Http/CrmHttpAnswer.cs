namespace JourneyKit.Connectors.Http;

/// <summary>One answer of a CRM: status, body text and the response (headers), valid until the pipeline disposes it.</summary>
internal sealed class CrmHttpAnswer(int status, string text, HttpResponseMessage response)
{
    public int Status { get; } = status;

    public string Text { get; } = text;

    public HttpResponseMessage Response { get; } = response;

    /// <summary>A header's raw value, unvalidated (Dataverse's fractional <c>Retry-After</c> fails the typed parser).</summary>
    public string? Header(string name) =>
        Response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString()
        : Response.Content.Headers.NonValidated.TryGetValues(name, out var content) ? content.ToString() : null;
}
