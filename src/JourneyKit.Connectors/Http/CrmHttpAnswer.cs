namespace JourneyKit.Connectors.Http;

/// <summary>
/// One answer of a CRM: status, body and the response (headers), valid until the pipeline disposes it. The body is text,
/// or, for a call that asked for it (<see cref="CrmHttpCall{T}.BufferBytes"/>), bytes (<see cref="Body"/>) whose text is
/// made only if something asks for <see cref="Text"/> (an error's message).
/// </summary>
internal sealed class CrmHttpAnswer
{
    private string? _text;

    public CrmHttpAnswer(int status, string text, HttpResponseMessage response)
    {
        Status = status;
        _text = text;
        Response = response;
    }

    public CrmHttpAnswer(int status, CrmBody body, HttpResponseMessage response)
    {
        Status = status;
        Body = body;
        Response = response;
    }

    public int Status { get; }

    /// <summary>The body as text.</summary>
    public string Text => _text ??= Body!.ToText();

    /// <summary>The body as bytes, when the call asked for them; else null.</summary>
    public CrmBody? Body { get; }

    public HttpResponseMessage Response { get; }

    /// <summary>A header's raw value, unvalidated (Dataverse's fractional <c>Retry-After</c> fails the typed parser).</summary>
    public string? Header(string name) =>
        Response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString()
        : Response.Content.Headers.NonValidated.TryGetValues(name, out var content) ? content.ToString() : null;
}
