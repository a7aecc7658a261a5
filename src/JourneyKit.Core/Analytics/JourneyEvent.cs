using JourneyKit.Model;

namespace JourneyKit.Analytics;

/// <summary>
/// One thing a customer did on their journey: a visit to a touchpoint, or a move into a stage, at a
/// given time, optionally with a satisfaction score and the CRM record it came from. A small value type (56 bytes) so that a
/// stream of millions of events costs no allocation per event.
/// </summary>
/// <remarks>
/// At least one of <see cref="StageId"/> and <see cref="TouchpointId"/> is set. When only the
/// touchpoint is given, the stage is the touchpoint's stage in the map.
/// </remarks>
public readonly record struct JourneyEvent
{
    // Stored as plain strings (null = absent) rather than nullable ids to keep the struct small.
    // The timestamp is kept as clock ticks and an offset in minutes (DateTimeOffset's own offsets are whole
    // minutes) rather than as a DateTimeOffset, whose padding would push the struct from 56 to 64 bytes once the
    // record reference is added; the record's type and id share one string for the same reason.
    private readonly string? _stageId;
    private readonly string? _touchpointId;
    private readonly string? _record;
    private readonly long _clockTicks;
    private readonly short _offsetMinutes;
    private readonly byte _satisfaction;

    private const char RecordSeparator = '\u001F';

    /// <summary>Creates an event.</summary>
    /// <param name="customerId">The customer's id (e.g. a CRM contact id); not empty.</param>
    /// <param name="personaId">The persona the customer belongs to.</param>
    /// <param name="stageId">The stage the event happened in, or null when <paramref name="touchpointId"/> tells it.</param>
    /// <param name="touchpointId">The touchpoint the customer met, or null for a stage-level event.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="satisfaction">A satisfaction score from 1 to 5, or null when none was given.</param>
    /// <exception cref="ArgumentException">The customer id is empty, both the stage and the touchpoint are missing, or the score is outside 1–5.</exception>
    public JourneyEvent(string customerId, PersonaId personaId, StageId? stageId, TouchpointId? touchpointId, DateTimeOffset timestamp, int? satisfaction = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (string.IsNullOrEmpty(personaId.Value))
            throw new ArgumentException("The persona id must not be empty.", nameof(personaId));
        var stage = stageId?.Value;
        var touchpoint = touchpointId?.Value;
        if (string.IsNullOrEmpty(stage) && string.IsNullOrEmpty(touchpoint))
            throw new ArgumentException($"Event of customer '{customerId}' has neither a stage id nor a touchpoint id.", nameof(stageId));
        if (satisfaction is < 1 or > 5)
            throw new ArgumentOutOfRangeException(nameof(satisfaction), satisfaction, "A satisfaction score is from 1 to 5.");
        CustomerId = customerId;
        PersonaId = personaId;
        _stageId = string.IsNullOrEmpty(stage) ? null : stage;
        _touchpointId = string.IsNullOrEmpty(touchpoint) ? null : touchpoint;
        _clockTicks = timestamp.Ticks;
        _offsetMinutes = (short)(timestamp.Offset.Ticks / TimeSpan.TicksPerMinute);
        _satisfaction = (byte)(satisfaction ?? 0);
    }

    /// <summary>The customer's id (e.g. a CRM contact id).</summary>
    public string CustomerId { get; }

    /// <summary>The persona the customer belongs to. A customer keeps the persona of their first event.</summary>
    public PersonaId PersonaId { get; }

    /// <summary>The stage the event happened in, or null when the touchpoint tells it.</summary>
    public StageId? StageId => _stageId is null ? default(StageId?) : new StageId(_stageId);

    /// <summary>The touchpoint the customer met, or null for a stage-level event.</summary>
    public TouchpointId? TouchpointId => _touchpointId is null ? default(TouchpointId?) : new TouchpointId(_touchpointId);

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp => new(_clockTicks, TimeSpan.FromMinutes(_offsetMinutes));

    /// <summary>The timestamp in UTC ticks, without building the <see cref="DateTimeOffset"/>.</summary>
    internal long UtcTicks => _clockTicks - (_offsetMinutes * TimeSpan.TicksPerMinute);

    /// <summary>The satisfaction score from 1 to 5, or null when none was given.</summary>
    public int? Satisfaction => _satisfaction == 0 ? null : _satisfaction;

    /// <summary>
    /// The type of the CRM record the event was derived from (e.g. <c>contact</c>, <c>deal</c>, <c>calls</c>,
    /// <c>opportunity</c>, <c>phonecall</c>), so a figure can be traced to records; null when unknown. Set it with
    /// <c>with { RecordType = …, RecordId = … }</c>.
    /// </summary>
    public string? RecordType
    {
        get => _record is null ? null : NullIfEmpty(_record[.._record.IndexOf(RecordSeparator, StringComparison.Ordinal)]);
        init => _record = Record(value, RecordId);
    }

    /// <summary>The id of the CRM record the event was derived from; null when unknown.</summary>
    public string? RecordId
    {
        get => _record is null ? null : NullIfEmpty(_record[(_record.IndexOf(RecordSeparator, StringComparison.Ordinal) + 1)..]);
        init => _record = Record(RecordType, value);
    }

    /// <summary>Whether the event names the CRM record it came from (a type or an id).</summary>
    public bool HasRecord => _record is not null;

    private static string? Record(string? type, string? id) =>
        string.IsNullOrEmpty(type) && string.IsNullOrEmpty(id) ? null : string.Concat(type, RecordSeparator.ToString(), id);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    internal string? StageValue => _stageId;

    internal string? TouchpointValue => _touchpointId;

    internal int SatisfactionValue => _satisfaction;

    /// <summary>Creates an event at a touchpoint (its stage comes from the map).</summary>
    /// <param name="customerId">The customer's id.</param>
    /// <param name="personaId">The customer's persona.</param>
    /// <param name="touchpointId">The touchpoint.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="satisfaction">An optional 1–5 score.</param>
    /// <returns>The event.</returns>
    public static JourneyEvent AtTouchpoint(string customerId, PersonaId personaId, TouchpointId touchpointId, DateTimeOffset timestamp, int? satisfaction = null) =>
        new(customerId, personaId, null, touchpointId, timestamp, satisfaction);

    /// <summary>Creates a stage-level event (e.g. "the deal moved to purchase").</summary>
    /// <param name="customerId">The customer's id.</param>
    /// <param name="personaId">The customer's persona.</param>
    /// <param name="stageId">The stage.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="satisfaction">An optional 1–5 score.</param>
    /// <returns>The event.</returns>
    public static JourneyEvent AtStage(string customerId, PersonaId personaId, StageId stageId, DateTimeOffset timestamp, int? satisfaction = null) =>
        new(customerId, personaId, stageId, null, timestamp, satisfaction);
}
