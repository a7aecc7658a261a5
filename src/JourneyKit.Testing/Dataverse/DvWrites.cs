using JourneyKit.Testing.Emulation;

namespace JourneyKit.Testing.Dataverse;

/// <summary>The Dataverse emulator's entries in the shared write log: one per row or metadata item written.</summary>
internal static class DvWrites
{
    public static EmulatorWrite Of(DateTimeOffset at, string method, string entitySet, Guid recordId, bool created) =>
        new(at, method, method + " " + entitySet, entitySet) { RecordId = recordId.ToString("D"), Created = created };
}
