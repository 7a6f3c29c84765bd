using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>No in-memory default: a store must be chosen, and a fresh start says what it will read.</summary>
public sealed class DurableByDefaultTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeMimecastClient _client = new();

    private ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time)
            .AddSingleton<IMimecastClientFactory>(new IncidentFeedTests.FakeFactory(new Dictionary<string, FakeMimecastClient> { [string.Empty] = _client }))
            .AddMimecastIncidentFeed(o => o.Kinds = TtpEventKinds.Url);
        return services;
    }

    [Fact]
    public async Task WithoutACheckpointStore_StartUpFails_WithAMessageSayingHowToChoose()
    {
        await using var provider = Services().BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<MimecastIncidentFeed>());
        Assert.Contains("AddMimecastFileCheckpointStore", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddMimecastPostgreSqlCheckpointStore", ex.Message, StringComparison.Ordinal);
        Assert.Null(provider.GetService<IMimecastCheckpointStore>());
    }

    [Fact]
    public async Task AddMimecastFileCheckpointStore_IsDurable_AcrossAProcessRestart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mimecast-durable-tests", Guid.NewGuid().ToString("N"));
        try
        {
            _client.UrlLogs.Add(Url(Now.AddMinutes(-3)));
            await using (var provider = Services().AddMimecastFileCheckpointStore(dir).BuildServiceProvider())
            {
                var batch = await provider.GetRequiredService<MimecastIncidentFeed>().PollAsync();
                Assert.Single(batch.Events);
                await batch.CommitAsync();
            }

            await using (var restarted = Services().AddMimecastFileCheckpointStore(dir).BuildServiceProvider())
            {
                Assert.IsType<FileCheckpointStore>(restarted.GetRequiredService<IMimecastCheckpointStore>());
                Assert.Empty((await restarted.GetRequiredService<MimecastIncidentFeed>().PollAsync()).Events);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AFreshStart_LogsAtInformation_FromWhenAndWhichKind()
    {
        var logs = new CapturingLoggerProvider();
        var services = Services();
        services.AddLogging(b => b.AddProvider(logs)).AddSingleton<IMimecastCheckpointStore>(new InMemoryCheckpointStoreForTests());
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MimecastIncidentFeed>().PollAsync();

        var line = Assert.Single(logs.Messages, m => m.Level == LogLevel.Information && m.Text.Contains("fresh start", StringComparison.Ordinal));
        Assert.Contains(" url:", line.Text, StringComparison.Ordinal);
        Assert.Contains((Now - TimeSpan.FromHours(24)).ToString("O", System.Globalization.CultureInfo.InvariantCulture), line.Text, StringComparison.Ordinal);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly Lock _lock = new();
        private readonly List<(LogLevel Level, string Text)> _messages = [];

        public List<(LogLevel Level, string Text)> Messages
        {
            get
            {
                lock (_lock)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lock)
            {
                _messages.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
