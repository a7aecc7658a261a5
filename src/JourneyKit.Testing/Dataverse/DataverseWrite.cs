namespace JourneyKit.Testing.Dataverse;

/// <summary>A write the emulator committed (rolled-back changeset writes are not listed).</summary>
/// <param name="At">When it was committed, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="Method">POST, PATCH or DELETE.</param>
/// <param name="EntitySet">The entity set written, e.g. <c>jk_personas</c>.</param>
/// <param name="RecordId">The written row's primary key.</param>
/// <param name="Created">Whether the write created the row (false: updated or deleted it).</param>
public sealed record DataverseWrite(DateTimeOffset At, string Method, string EntitySet, Guid RecordId, bool Created);
