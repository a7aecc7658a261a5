namespace JourneyKit.Dynamics.Personas;

/// <summary>A persona rules file cannot be used; the message names the file and the JSON path.</summary>
public sealed class PersonaRuleFormatException : Exception
{
    /// <summary>Creates an exception.</summary>
    public PersonaRuleFormatException() { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong, naming the place.</param>
    public PersonaRuleFormatException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong, naming the place.</param>
    /// <param name="innerException">The cause.</param>
    public PersonaRuleFormatException(string message, Exception? innerException) : base(message, innerException) { }
}
