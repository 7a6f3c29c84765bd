using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Mimecast.Cli.Tests;

/// <summary>The outcome of one CLI run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into non-empty lines.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the BUILT CLI (<c>dotnet …/mimecast.dll</c>) as a real process, with an isolated <c>MIMECAST_CONFIG_DIR</c>,
/// no inherited <c>MIMECAST_*</c> variables, redirected stdin (so never a terminal), and a timeout after which the
/// process is killed and the test fails. Dispose to delete the config directory and kill anything still running.
/// </summary>
public sealed class CliRunner : IDisposable
{
    private readonly List<CliProcess> _started = [];

    public CliRunner()
    {
        ConfigDir = Path.Combine(Path.GetTempPath(), "mimecast-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ConfigDir);
    }

    /// <summary>The path of the built CLI.</summary>
    public static string CliDll { get; } = typeof(CliRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "MimecastCliDll").Value!;

    /// <summary>The isolated <c>MIMECAST_CONFIG_DIR</c> of this runner (shared by its runs, so a login is seen by the next command).</summary>
    public string ConfigDir { get; }

    /// <summary>Variables set on every run (after the isolation defaults).</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The default timeout of a run.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Runs the CLI to its end.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdin">Text for stdin (closed after it); null closes stdin at once.</param>
    /// <param name="env">Extra environment variables for this run (null value removes one).</param>
    /// <param name="timeout">Kill and fail after this long (default <see cref="Timeout"/>).</param>
    public async Task<CliResult> RunAsync(IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string?>? env = null, TimeSpan? timeout = null)
    {
        await using CliProcess process = Start(args, stdin, env);
        return await process.WaitForExitAsync(timeout ?? Timeout);
    }

    /// <summary>Runs the CLI with arguments given inline.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null, null, null);

    /// <summary>Starts the CLI and returns at once: read its output as it comes, interrupt or kill it.</summary>
    public CliProcess Start(IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string?>? env = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add(CliDll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MIMECAST_", StringComparison.Ordinal) || k == "NO_COLOR").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["MIMECAST_CONFIG_DIR"] = ConfigDir;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach ((string key, string? value) in Environment.Concat(env ?? new Dictionary<string, string?>()))
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new CliProcess(Process.Start(start)!, stdin);
        lock (_started)
        {
            _started.Add(process);
        }

        return process;
    }

    /// <summary>Every file under the config directory, with its text (for "the secret is in no file" checks).</summary>
    public IEnumerable<(string Path, string Text)> ConfigFiles() =>
        Directory.EnumerateFiles(ConfigDir, "*", SearchOption.AllDirectories).Select(p => (p, File.ReadAllText(p)));

    public void Dispose()
    {
        lock (_started)
        {
            foreach (CliProcess p in _started)
            {
                p.Kill();
            }
        }

        try
        {
            Directory.Delete(ConfigDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A running CLI process: its output so far, line by line as it arrives, and Ctrl+C / SIGKILL.</summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly Task _readOut;
    private readonly Task _readErr;

    internal CliProcess(Process process, string? stdin)
    {
        _process = process;
        _readOut = PumpAsync(process.StandardOutput, _stdout, _lines.Writer);
        _readErr = PumpAsync(process.StandardError, _stderr, null);
        _ = FeedAsync(process, stdin);
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Stderr so far.</summary>
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

    /// <summary>The next stdout line, or null at the end of stdout; fails after <paramref name="timeout"/>.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(cts.Token) && _lines.Reader.TryRead(out string? line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No stdout line within {timeout}. Stderr so far:\n{Stderr}");
        }
    }

    /// <summary>Sends SIGINT (Ctrl+C).</summary>
    public void Interrupt()
    {
        if (!OperatingSystem.IsWindows() && Kill(_process.Id, 2) != 0)
        {
            throw new InvalidOperationException("kill(SIGINT) failed.");
        }
    }

    /// <summary>Sends SIGKILL (no chance to flush or checkpoint).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Waits for the end; kills the process and fails after <paramref name="timeout"/>.</summary>
    public async Task<CliResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"mimecast did not exit within {timeout}.\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
        }

        await Task.WhenAll(_readOut, _readErr);
        return new CliResult(_process.ExitCode, Stdout, Stderr);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await Task.WhenAll(_readOut, _readErr).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static async Task FeedAsync(Process process, string? stdin)
    {
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The CLI exited without reading stdin.
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into, System.Threading.Channels.ChannelWriter<string>? lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Append(line).Append('\n');
            }

            lines?.TryWrite(line);
        }

        lines?.TryComplete();
    }
}
