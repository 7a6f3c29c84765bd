using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Feed.PostgreSql;
using Mimecast.Sdk.Feed.Quartz.TestWorker;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// One feed cluster worker hosted in the test process (a real generic host, a real clustered Quartz scheduler on the
/// test's PostgreSQL database, the real PostgreSQL store), so a test can read its health check and its metrics. The
/// clock comes from <see cref="Time"/>: a test shifts it to inject clock skew, never the machine's clock.
/// </summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessWorker(IHost host, ShiftedTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public ShiftedTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The running scheduler (after start).</summary>
    public global::Quartz.IScheduler Scheduler => Services.GetRequiredService<FeedClusterState>().Scheduler!;

    public static async Task<InProcessWorker> StartAsync(ClusterHarness cluster, IReadOnlyList<string> customers, Action<MimecastFeedClusterOptions>? configure = null,
        Func<IServiceProvider, IMimecastCheckpointStore>? store = null)
    {
        var time = new ShiftedTimeProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        foreach (var name in customers)
        {
            var account = ClusterAccounts.For(name);
            builder.Services.AddMimecastClient(name, o =>
            {
                o.BaseUrl = cluster.Simulator.BaseUrl;
                o.Api2 = new() { ClientId = account.ClientId, ClientSecret = account.ClientSecret };
            });
        }

        builder.Services.AddMimecastPostgreSqlCheckpointStore(cluster.Connection);
        if (store is not null)
        {
            builder.Services.AddSingleton<IMimecastCheckpointStore>(store);
        }

        builder.Services.AddMimecastFeedCluster(o =>
        {
            o.ConnectionString = cluster.Connection;
            // Quartz keeps schedulers in a process-wide repository by name: one name per test's worker.
            o.SchedulerName = $"inproc-{Guid.NewGuid():N}";
            o.InstanceId = $"inproc-{Environment.ProcessId}";
            o.Feed.InitialLookback = TimeSpan.FromHours(72);
            foreach (var name in customers)
            {
                o.Customers.Add(new MimecastFeedCustomer { Name = name, PollInterval = TimeSpan.FromSeconds(1) });
            }

            configure?.Invoke(o);
        });
        var host = builder.Build();
        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(startup.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new InProcessWorker(host, time);
    }

    /// <summary>Runs the worker's health check the way a host's health endpoint does.</summary>
    public async Task<HealthReportEntry> CheckHealthAsync()
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == MimecastFeedClusterHealthCheck.Name, CancellationToken.None);
        return report.Entries[MimecastFeedClusterHealthCheck.Name];
    }

    /// <summary>Checks health until it reports <paramref name="wanted"/> (bounded: the first check-in takes a moment); returns the last entry.</summary>
    public async Task<HealthReportEntry> WaitForHealthAsync(HealthStatus wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var entry = await CheckHealthAsync();
        for (var attempt = 0; attempt < 1000 && entry.Status != wanted && DateTime.UtcNow < deadline; attempt++)
        {
            await Task.Delay(100);
            entry = await CheckHealthAsync();
        }

        return entry;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>The system clock shifted by <see cref="Skew"/>: a worker whose clock is off the database's, without touching the machine's clock.</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    private long _skewTicks;

    public TimeSpan Skew
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));
        set => Interlocked.Exchange(ref _skewTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Skew;
}
