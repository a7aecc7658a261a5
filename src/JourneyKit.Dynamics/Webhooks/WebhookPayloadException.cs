namespace JourneyKit.Dynamics.Webhooks;

/// <summary>
/// A webhook body is not a <c>RemoteExecutionContext</c> JourneyKit can read. The message names the JSON
/// path of the first problem found (e.g. <c>$.InputParameters[0].value.Attributes[2].value</c>).
/// </summary>
public sealed class WebhookPayloadException : Exception
{
    /// <summary>Creates an exception.</summary>
    public WebhookPayloadException() { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong, naming the place.</param>
    public WebhookPayloadException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong, naming the place.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookPayloadException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates an exception for a problem at a JSON path.</summary>
    /// <param name="path">The JSON path of the problem, starting with <c>$</c>.</param>
    /// <param name="problem">What is wrong there.</param>
    /// <param name="innerException">The cause, if any.</param>
    public WebhookPayloadException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        Path = path;
    }

    /// <summary>The JSON path of the problem, starting with <c>$</c>, when known.</summary>
    public string? Path { get; }
}
