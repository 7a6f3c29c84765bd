using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>A worker that must stop (a fault its loops cannot ride through) exits non-zero, so a supervisor restarts it.</summary>
[Collection(ClusterTestGroup.Name)]
public sealed class WorkerExitCodeTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_worker_whose_hosted_relay_faults_stops_with_exit_code_1()
    {
        string[] customers = ["exit01"];
        await using var cluster = await ClusterHarness.StartAsync(customers, output);
        var worker = cluster.StartWorker(extraEnvironment: new Dictionary<string, string> { ["TESTWORKER_BROKEN_RELAY_CLOCK"] = "1" });

        var exited = await worker.WaitForExitAsync(TimeSpan.FromSeconds(100));

        if (!exited)
        {
            cluster.DumpWorkers();
        }

        Assert.True(exited, "the worker did not stop after its relay faulted");
        Assert.Equal(1, worker.ExitCode);
        Assert.Contains("Mimecast outbox relay stopped by a fault", worker.Stderr, StringComparison.Ordinal);
    }
}
