using Microsoft.Extensions.Logging;

namespace Mimecast.Cli;

/// <summary><c>--debug</c>: the SDK's own log lines (retries, quota waits, token renewals) on stderr. The SDK never logs a secret.</summary>
internal sealed class StderrLoggerProvider(TextWriter error) : ILoggerProvider
{
    // Only the SDK's own categories: the resilience library's per-attempt lines would drown the request lines.
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Mimecast", StringComparison.Ordinal) ? new Logger(error) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (error)
            {
                error.WriteLine($"debug: [{logLevel}] {formatter(state, null)}");
            }
        }
    }
}
