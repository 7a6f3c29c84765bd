using System.Diagnostics;
using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>
/// <c>mimecast tail</c> as a process against the simulator: Ctrl+C flushes, saves and exits 130; a tail killed with
/// SIGKILL and restarted on the same checkpoint loses nothing and repeats only the batch it had not saved.
/// </summary>
public sealed class TailCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan LineWait = TimeSpan.FromSeconds(60);
    private readonly SimulatorFixture _sim = new();
    private readonly CliRunner _cli = new();
    private string Checkpoint => Path.Combine(_cli.ConfigDir, "tail.checkpoint");

    public async Task InitializeAsync()
    {
        _sim.Options.InitialUrlLogs = 0;
        _sim.Options.InitialAttachmentLogs = 0;
        _sim.Options.InitialImpersonationLogs = 0;
        await _sim.InitializeAsync();
    }

    public Task DisposeAsync() => _sim.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ctrl_C_exits_130_with_the_written_batch_saved_so_a_restart_repeats_nothing()
    {
        _sim.Simulator.Records<SimulatorUrlLog>().Add(30, DateTimeOffset.UtcNow.AddMinutes(-50));
        string[] args = ["tail", "url", "--checkpoint", Checkpoint, "--since", "2h", "--interval", "1h"];

        CliResult first = await RunUntilLinesThenInterruptAsync(args, 30);

        Assert.True(first.ExitCode == 130, first.ToString());
        Assert.Equal(30, first.Lines.Length);
        Assert.True(File.Exists(Checkpoint), first.ToString());
        Assert.Contains("lag", first.Stderr);

        var added = _sim.Simulator.Records<SimulatorUrlLog>().Add(3, DateTimeOffset.UtcNow.AddMinutes(-5));
        CliResult second = await RunUntilLinesThenInterruptAsync(args, 3);

        Assert.True(second.ExitCode == 130, second.ToString());
        Assert.Equal(added.Select(a => a.Url).Order(), second.Lines.Select(l => Record(l).GetProperty("url").GetString()).Order());
        Assert.Empty(Ids(second).Intersect(Ids(first)));
    }

    [Fact]
    public async Task Killed_and_restarted_on_its_checkpoint_it_loses_nothing_and_repeats_only_the_unsaved_batch()
    {
        const int Total = 5000, Batch = 1000, ReadBeforeKill = 2500;
        var start = DateTimeOffset.UtcNow.AddMinutes(-110);
        for (var i = 0; i < Total / 10; i++)
        {
            _sim.Simulator.Records<SimulatorUrlLog>().Add(10, start.AddSeconds(i * 13));
        }

        string[] args = ["tail", "url", "--checkpoint", Checkpoint, "--since", "3h", "--interval", "1h", "--batch-size", Batch.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        // Run 1 is read slowly by hand, as a consumer that stops reading: tail blocks writing batch 3 (lines 2000-2999 do
        // not fit in the pipe and its buffer once the reader stops at line 2500), so the kill lands after batches 1 and 2
        // were saved and in the middle of batch 3, which was never saved.
        var run1 = new List<string>();
        using (var first = StartUnpumped(args))
        {
            for (var i = 0; i < ReadBeforeKill; i++)
            {
                var line = await first.StandardOutput.ReadLineAsync().WaitAsync(LineWait);
                Assert.NotNull(line);
                run1.Add(Id(line!));
            }

            first.Kill(); // SIGKILL: no flush, no save
            await first.WaitForExitAsync().WaitAsync(LineWait);
            run1.AddRange(CompleteIds(await first.StandardOutput.ReadToEndAsync().WaitAsync(LineWait))); // what reached the pipe before the kill
        }

        Assert.Equal(run1.Count, run1.Distinct().Count());
        await using CliProcess second = _cli.Start(args, env: _sim.Api1Env);
        var run2 = new List<string>();
        while (run1.Union(run2).Count() < Total)
        {
            var line = await second.ReadLineAsync(LineWait);
            Assert.NotNull(line);
            run2.Add(Id(line!));
        }

        second.Interrupt();
        var stopped = await second.WaitForExitAsync(LineWait);
        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        Assert.Equal(run2.Count, CompleteIds(stopped.Stdout).Count); // nothing after the last new record
        Assert.Equal(run2.Count, run2.Distinct().Count());

        // Nothing lost: every record was written by one run or the other.
        Assert.Equal(Total, run1.Union(run2).Count());

        // Repeated: exactly the records run 1 wrote after its last saved batch (batch 3), replayed first and in order.
        var repeated = run1.Intersect(run2).ToList();
        Assert.Equal(2 * Batch, run1.Count - repeated.Count);
        Assert.Equal(run1.Skip(2 * Batch), repeated);
        Assert.Equal(repeated, run2.Take(repeated.Count));
    }

    // The CLI with stdout read only by the test, at its own pace (the harness's runner reads everything at once).
    private Process StartUnpumped(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        start.ArgumentList.Add(CliRunner.CliDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["MIMECAST_CONFIG_DIR"] = _cli.ConfigDir;
        foreach (var (key, value) in _sim.Api1Env)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private async Task<CliResult> RunUntilLinesThenInterruptAsync(string[] args, int lines)
    {
        await using CliProcess process = _cli.Start(args, env: _sim.Api1Env);
        for (var i = 0; i < lines; i++)
        {
            Assert.NotNull(await process.ReadLineAsync(LineWait));
        }

        process.Interrupt();
        return await process.WaitForExitAsync(LineWait);
    }

    private static List<string> CompleteIds(string stdout)
    {
        var ids = new List<string>();
        var lines = stdout.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                ids.Add(Id(lines[i]));
            }
            catch (JsonException) when (i >= lines.Length - 2)
            {
                // Only the last line may be cut short by SIGKILL.
            }
        }

        return ids;
    }

    private static IEnumerable<string> Ids(CliResult result) => result.Lines.Select(Id);

    private static string Id(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("kind").GetString() + "/" + doc.RootElement.GetProperty("id").GetString();
    }

    private static JsonElement Record(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("url").Clone();
    }
}
