using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>
/// One run of the crash host (<c>dotnet Mimecast.Sdk.Feed.CrashHost.dll …</c>) as a real child process: its markers
/// are read from stdout, its stderr is kept for failure messages, and <see cref="DisposeAsync"/> kills it if it still
/// runs (also when the test fails).
/// </summary>
internal sealed class CrashHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<HostMarker> _markers = Channel.CreateUnbounded<HostMarker>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CrashHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string HostPath { get; } = typeof(CrashHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CrashHostPath").Value!;

    public static CrashHostProcess Start(IEnumerable<string> arguments)
    {
        if (!File.Exists(HostPath))
        {
            throw new InvalidOperationException($"The crash host is not built at '{HostPath}'.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostPath);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new CrashHostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                host._markers.Writer.TryComplete();
                host._stdoutClosed.TrySetResult();
            }
            else if (HostMarker.TryParse(e.Data) is { } marker)
            {
                host._markers.Writer.TryWrite(marker);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (host._stderr)
                {
                    host._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The next marker, or <see langword="null"/> when the process closed its stdout (exited).</summary>
    /// <exception cref="TimeoutException">No marker within <paramref name="timeout"/>.</exception>
    public async Task<HostMarker?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _markers.Reader.WaitToReadAsync(cts.Token) && _markers.Reader.TryRead(out var marker) ? marker : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The crash host (pid {Id}) printed no marker within {timeout.TotalSeconds:0} s. stderr: {StandardError}");
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux), then waits for the exit and the end of its stdout.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await WaitForExitAsync(timeout);
    }

    /// <summary>Waits for the exit and for every marker it printed to be readable.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _stdoutClosed.Task.WaitAsync(cts.Token);
    }

    /// <summary>Markers printed and not read yet (after the exit: the last ones before the process died).</summary>
    public List<HostMarker> Remaining()
    {
        var list = new List<HostMarker>();
        while (_markers.Reader.TryRead(out var marker))
        {
            list.Add(marker);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
