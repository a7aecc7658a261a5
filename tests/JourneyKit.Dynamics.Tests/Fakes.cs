using System.Collections.Concurrent;
using JourneyKit.Dynamics.Webhooks;
using Microsoft.Extensions.Logging;

namespace JourneyKit.Dynamics.Tests;

/// <summary>Records persona writes; optionally fails or hangs.</summary>
internal sealed class FakePersonaWriter : IContactPersonaWriter
{
    public ConcurrentQueue<(Guid ContactId, string PersonaKey)> Writes { get; } = new();

    public Func<CancellationToken, Task>? Behaviour { get; set; }

    public async Task SetContactPersonaAsync(Guid contactId, string personaKey, CancellationToken cancellationToken = default)
    {
        if (Behaviour is not null) await Behaviour(cancellationToken);
        Writes.Enqueue((contactId, personaKey));
    }
}

internal sealed class FakeAccountSizeReader(Dictionary<Guid, int?> sizes) : IAccountSizeReader
{
    public int Calls { get; private set; }

    public Task<int?> GetNumberOfEmployeesAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(sizes.TryGetValue(accountId, out int? size) ? size : null);
    }
}

/// <summary>Keeps every formatted log line, with its scope, to check what is (not) logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        Lines.Enqueue("scope: " + state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}

internal sealed class FakeSegmentReader(params string[] segments) : IContactSegmentReader
{
    public List<Guid> Calls { get; } = [];

    public Task<IReadOnlyCollection<string>> GetSegmentIdsAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        Calls.Add(contactId);
        return Task.FromResult<IReadOnlyCollection<string>>(segments);
    }
}
