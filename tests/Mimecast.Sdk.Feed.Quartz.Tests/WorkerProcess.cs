using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>One feed cluster worker as a real process (the TestWorker), its stdout lines timestamped as they arrive.</summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock;

    private WorkerProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    public int Pid => _process.Id;

    public string Instance => $"worker-{_process.Id}";

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment, Stopwatch clock)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mimecast.Sdk.Feed.Quartz.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, clock);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (worker._lines)
                {
                    worker._lines.Add((clock.Elapsed, e.Data));
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (worker._stderr)
                {
                    if (worker._stderr.Length < 200_000)
                    {
                        worker._stderr.AppendLine(e.Data);
                    }
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public IReadOnlyList<(TimeSpan At, string Line)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The first line starting with <paramref name="prefix"/> seen at or after <paramref name="since"/>, if any.</summary>
    public (TimeSpan At, string Line)? Find(string prefix, TimeSpan since) =>
        Lines.Where(l => l.At >= since && l.Line.StartsWith(prefix, StringComparison.Ordinal)).Select(l => ((TimeSpan, string)?)l).FirstOrDefault();

    public void Kill() => Signal(9);

    public void Freeze() => Signal(19);

    public void Resume() => Signal(18);

    public void Terminate() => Signal(15);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal(18); // a frozen process cannot die until it runs again
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
