namespace JourneyKit.Connectors.State;

/// <summary>The local state store cannot be used (unreadable, locked by another run, written by a newer JourneyKit). The message names the file.</summary>
public sealed class SyncStateException : Exception
{
    /// <summary>Creates an exception.</summary>
    public SyncStateException() { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    public SyncStateException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    /// <param name="innerException">The cause.</param>
    public SyncStateException(string message, Exception? innerException) : base(message, innerException) { }
}
