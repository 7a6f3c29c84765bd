using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb into a temporary directory, its own port on 127.0.0.1, fsync on,
/// trust authentication for the role <c>mimecast</c>), which the test may restart, kill or stop without disturbing the
/// shared server. Run as the <c>postgres</c> user when the test runs as root. Removed at dispose.
/// </summary>
internal sealed partial class ThrowawayPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;

    private ThrowawayPostgres(string bin, string dataDirectory, int port, bool asPostgresUser)
    {
        _bin = bin;
        _dataDirectory = dataDirectory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>Gets the connection string of the cluster's superuser to its <c>postgres</c> database.</summary>
    public string AdminConnection => $"Host=127.0.0.1;Port={Port};Username=mimecast;Database=postgres;Timeout=5";

    /// <summary>The folder of initdb and pg_ctl (the newest under /usr/lib/postgresql, or on PATH), or null.</summary>
    public static string? FindBinaries()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (var dir in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            {
                var bin = Path.Combine(dir, "bin");
                if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                {
                    return bin;
                }
            }
        }

        return null;
    }

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: apt-get install postgresql.");
        var asPostgres = GetEuid() == 0;
        var data = Path.Combine(Path.GetTempPath(), $"mcpg-{Guid.NewGuid():N}"[..17]);
        Directory.CreateDirectory(data);
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", data], TimeSpan.FromSeconds(10));
        }

        var pg = new ThrowawayPostgres(bin, data, FreePort(), asPostgres);
        try
        {
            await pg.RunPgAsync("initdb", ["-D", data, "-U", "mimecast", "--auth=trust", "-E", "UTF8", "--no-sync"], TimeSpan.FromSeconds(120));
            await pg.StartServerAsync();
            return pg;
        }
        catch
        {
            pg.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (waits until it accepts connections); after a kill, retried until the dead server's backends are gone.</summary>
    public async Task StartServerAsync()
    {
        string? last = null;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            try
            {
                await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c fsync=on -c max_connections=200", "start"], TimeSpan.FromSeconds(90));
                return;
            }
            catch (InvalidOperationException ex)
            {
                // A SIGKILLed postmaster's backends exit when they notice; until then the shared memory is in use.
                last = ex.Message;
                await Task.Delay(250);
            }
        }

        throw new InvalidOperationException($"The throw-away PostgreSQL did not start: {last}");
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every session is ended, the server is back when this returns.</summary>
    public Task RestartFastAsync() =>
        RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "restart"], TimeSpan.FromSeconds(90));

    /// <summary><c>pg_ctl stop -m fast</c>: the database is unreachable until <see cref="StartServerAsync"/>.</summary>
    public Task StopFastAsync() =>
        RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromSeconds(90));

    /// <summary>SIGKILLs the postmaster (crash recovery replays the WAL at the next start).</summary>
    public void KillPostmaster()
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (Kill(pid, 9) != 0)
        {
            throw new InvalidOperationException($"kill -9 {pid} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public string ServerLog => File.Exists(Path.Combine(_dataDirectory, "server.log")) ? File.ReadAllText(Path.Combine(_dataDirectory, "server.log")) : string.Empty;

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
            {
                RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], TimeSpan.FromSeconds(40)).GetAwaiter().GetResult();
            }
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> args, TimeSpan timeout) => _asPostgresUser
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args], timeout)
        : RunAsync(Path.Combine(_bin, tool), args, timeout);

    private static async Task RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr} {await stdout}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}

/// <summary>
/// A test that starts its own PostgreSQL cluster (<see cref="ThrowawayPostgres"/>). Skipped with a visible reason when
/// the server binaries are missing; under CI (CI=true, TF_BUILD, GITHUB_ACTIONS) it runs and fails instead.
/// </summary>
public sealed class ThrowawayPostgresFactAttribute : FactAttribute
{
    public ThrowawayPostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TF_BUILD"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"));
        if (ThrowawayPostgres.FindBinaries() is null && !ci)
        {
            Skip = "PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql) are missing: apt-get install postgresql; under CI this is a failure.";
        }
    }
}
