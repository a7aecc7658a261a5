namespace JourneyKit.Testing.Dataverse;

/// <summary>A request the emulator rejects with a Dataverse error body.</summary>
internal sealed class DvQueryException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static DvQueryException BadRequest(string message) => new(400, "0x80060888", message);
}
