using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace JourneyKit.Cli.Commands;

/// <summary>
/// The log of <c>journeykit serve</c>: one line per entry on standard output, as text for a terminal or as JSON lines
/// (<c>--log-format json</c>) for a log collector, each with the entry's structured properties (outcome, reason,
/// contact id, correlation id…). What reaches it has no key and no token: the handler and the client never log them.
/// </summary>
internal sealed class ServeLog(TextWriter writer, TimeProvider time, bool json, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter(state, exception);
        var timestamp = time.GetUtcNow();
        if (!json)
        {
            string text = $"{timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {Short(level)} {message}";
            if (exception is not null) text += $" ({exception.GetType().Name}: {exception.Message})";
            _writer.WriteLine(text);
            return;
        }
        var entry = new JObject
        {
            ["timestamp"] = timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["level"] = level.ToString(),
            ["category"] = category,
            ["event"] = eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["message"] = message,
        };
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (var (key, value) in properties)
            {
                if (key == "{OriginalFormat}") continue;
                entry[char.ToLowerInvariant(key[0]) + key[1..]] = value is null ? JValue.CreateNull() : JToken.FromObject(value);
            }
        }
        if (exception is not null) entry["exception"] = $"{exception.GetType().FullName}: {exception.Message}";
        _writer.WriteLine(entry.ToString(Formatting.None));
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(ServeLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Write(category, logLevel, eventId, state, exception, formatter);
        }
    }

    private readonly LogLevel _minimum = minimum;
}
