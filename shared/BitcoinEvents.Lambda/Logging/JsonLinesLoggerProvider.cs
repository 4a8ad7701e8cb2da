using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Lambda;

/// <summary>
/// Writes each log entry as one JSON object on one line (Timestamp, EventId, LogLevel, Category,
/// Message, Exception, State, Scopes: the shape of the framework's JSON console formatter), for
/// Lambda to forward to CloudWatch.
/// </summary>
/// <remarks>
/// Built by hand, with no options, formatters or background queue: the console logger's options
/// monitors, its three formatters and their options are each constructed through DI on every cold
/// start, which costs more than everything this class does. Lines are written synchronously under
/// a lock, whole, so lines from concurrent invocations never interleave.
/// </remarks>
public sealed class JsonLinesLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private IExternalScopeProvider? _scopes;

    /// <param name="output">Where the lines go (stdout in Lambda).</param>
    /// <param name="clock">The clock of the timestamps.</param>
    public JsonLinesLoggerProvider(Stream output, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(clock);
        _output = output;
        _clock = clock;
    }

    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _output.Flush();

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", LevelName(level));
            json.WriteString("Category", category);
            json.WriteString("Message", formatter(state, exception));
            if (exception is not null)
            {
                json.WriteString("Exception", exception.ToString());
            }

            if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
            {
                json.WriteStartObject("State");
                json.WriteString("Message", state.ToString());
                WriteProperties(json, properties);
                json.WriteEndObject();
            }

            if (_scopes is { } scopes)
            {
                json.WriteStartArray("Scopes");
                scopes.ForEachScope(static (scope, writer) => WriteScope(writer, scope), json);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        lock (_lock)
        {
            _output.Write(buffer.WrittenSpan);
            _output.Flush();
        }
    }

    private static void WriteScope(Utf8JsonWriter json, object? scope)
    {
        if (scope is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            json.WriteStartObject();
            json.WriteString("Message", scope.ToString());
            WriteProperties(json, properties);
            json.WriteEndObject();
        }
        else
        {
            WriteValue(json, scope);
        }
    }

    private static void WriteProperties(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        foreach (var (key, value) in properties)
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case IFormattable formattable:
                json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => nameof(LogLevel.Trace),
        LogLevel.Debug => nameof(LogLevel.Debug),
        LogLevel.Information => nameof(LogLevel.Information),
        LogLevel.Warning => nameof(LogLevel.Warning),
        LogLevel.Error => nameof(LogLevel.Error),
        LogLevel.Critical => nameof(LogLevel.Critical),
        _ => nameof(LogLevel.None),
    };

    private sealed class JsonLinesLogger(JsonLinesLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        // Levels are filtered by the logger factory's rules (configuration "Logging:LogLevel").
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                ArgumentNullException.ThrowIfNull(formatter);
                provider.Write(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
