using System.Diagnostics;
using Mimecast.Sdk.Testing;
using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>
/// The crash test: the simulator on 127.0.0.1 in this process, a backlog plus records appended while the workers
/// run; <see cref="Kills"/> worker processes each SIGKILLed at a marker of the next phase in
/// <see cref="ICrashStore.KillPhases"/> (its n-th occurrence, n from the seeded random); then a fresh process runs
/// until a round finds nothing. Returns what reached the sink, compared with the simulator's records.
/// </summary>
internal sealed class CrashScenario(ICrashStore store, ITestOutputHelper output, int seed)
{
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private static readonly (string Customer, string Email)[] Customers = [("alpha", "alpha@example.com"), ("bravo", "bravo@example.com")];

    /// <summary>30, or MIMECAST_CRASH_KILLS for a quick local diagnosis (the tests assert at least 30).</summary>
    public int Kills { get; init; } = int.TryParse(Environment.GetEnvironmentVariable("MIMECAST_CRASH_KILLS"), out var kills) ? kills : 30;

    public bool LateRecords { get; init; } = true;

    /// <summary>The whole kill phase must end within this (CI budget), or the test fails.</summary>
    public TimeSpan KillBudget { get; init; } = TimeSpan.FromSeconds(270);

    public async Task<CrashResult> RunAsync()
    {
        output.WriteLine($"crash test '{store.Name}': seed {seed} (set MIMECAST_CRASH_SEED={seed} to replay the same choices)");
        var random = new Random(seed);
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 0, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0, Seed = seed };
        options.RateLimit.Enabled = false;
        foreach (var (_, email) in Customers)
        {
            options.Accounts.Add(SimulatorAccount.Create(email, seed + options.Accounts.Count));
        }

        await using var simulator = await MimecastSimulator.StartAsync(options);
        var traffic = new Traffic(simulator, Customers, random, TimeProvider.System, LateRecords);
        traffic.AddBacklog();
        var arguments = new List<string> { "--url", simulator.BaseUrl.ToString(), "--lookback-minutes", "60", "--page-size", "20", "--max-events", "25" };
        foreach (var (customer, email) in Customers)
        {
            var account = simulator.Accounts.Single(a => a.EmailAddress == email);
            arguments.AddRange(["--customer", $"{customer},{account.ClientId},{account.ClientSecret}"]);
        }

        arguments.AddRange(store.HostArguments);
        var result = new CrashResult { Store = store.Name, Seed = seed };
        var clock = Stopwatch.StartNew();
        for (var kill = 0; kill < Kills; kill++)
        {
            Assert.True(clock.Elapsed < KillBudget, $"Only {kill} of {Kills} kills within {KillBudget.TotalSeconds:0} s (seed {seed}).");
            var phase = store.KillPhases[kill % store.KillPhases.Count];
            var started = clock.Elapsed;
            await KillOnceAsync([.. arguments, "--mode", "run"], phase, random.Next(1, 3), traffic, result);
            output.WriteLine($"kill {kill + 1} at '{phase}': {(clock.Elapsed - started).TotalSeconds:0.0} s");
        }

        result.KillSeconds = clock.Elapsed.TotalSeconds;
        traffic.Enabled = false;
        await FinishAsync([.. arguments, "--mode", "until-idle"], traffic, result);
        result.RecordsAdded = traffic.Added;
        result.Late = traffic.Late;
        result.Expected = traffic.ExpectedKeys();
        result.Sink = await store.ReadSinkAsync();
        output.WriteLine(result.Summary());
        return result;
    }

    private async Task KillOnceAsync(IReadOnlyList<string> arguments, string phase, int occurrence, Traffic traffic, CrashResult result)
    {
        await using var host = CrashHostProcess.Start(arguments);
        var seen = 0;
        var idle = 0;
        HostMarker? last = null;
        for (var i = 0; i < 50_000; i++)
        {
            var marker = await host.NextAsync(MarkerTimeout)
                ?? throw new InvalidOperationException($"The crash host exited ({ExitCode(host)}) before its kill at '{phase}'. stderr: {host.StandardError}");
            Observe(marker, traffic, result);
            last = marker;
            idle += marker.Phase == "idle" ? 1 : 0;
            if ((marker.Phase == phase && ++seen == occurrence) || idle > 20)
            {
                break;
            }
        }

        await host.KillAsync(ExitTimeout);
        foreach (var marker in host.Remaining())
        {
            Observe(marker, traffic, result);
            last = marker;
        }

        Assert.True(host.ExitCode != 0, $"The crash host exited with {host.ExitCode} instead of being killed. stderr: {host.StandardError}");
        result.KilledAfter[last?.Phase ?? "start"] = result.KilledAfter.GetValueOrDefault(last?.Phase ?? "start") + 1;
        result.Kills++;
    }

    private async Task FinishAsync(IReadOnlyList<string> arguments, Traffic traffic, CrashResult result)
    {
        await using var host = CrashHostProcess.Start(arguments);
        var done = false;
        for (var i = 0; i < 50_000 && !done; i++)
        {
            var marker = await host.NextAsync(MarkerTimeout);
            if (marker is null)
            {
                break;
            }

            Observe(marker, traffic, result);
            done = marker.Phase == "done";
        }

        await host.WaitForExitAsync(ExitTimeout);
        Assert.True(done && host.ExitCode == 0, $"The final worker did not finish cleanly (exit {host.ExitCode}). stderr: {host.StandardError}");
    }

    private static void Observe(HostMarker marker, Traffic traffic, CrashResult result)
    {
        traffic.OnMarker(marker);
        if (marker.Phase == "committed")
        {
            result.CommittedTags.Add(marker.Tag);
        }
        else if (marker.Phase == "relayed")
        {
            result.RelayedTags.Add(marker.Tag);
        }
    }

    private static string ExitCode(CrashHostProcess host) => host.HasExited ? $"exit {host.ExitCode}" : "still running";
}
