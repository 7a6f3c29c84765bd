using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Mimecast.Sdk.Testing;
using Npgsql;

// dotnet run -c Release --project benchmarks/Mimecast.Sdk.Feed.Quartz.Benchmarks -- [customers] [intervalSeconds] [measureSeconds] [workers] [threads]
// N customers (each its own simulator account, empty logs: the poll cost without event volume), polled every
// interval by W worker processes; after every customer's first poll, measures for measureSeconds the share of polls
// started within 5 s of their due time, then the workers' memory. Needs MIMECAST_TEST_POSTGRES. 127.0.0.1 only.
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var customers = Arg(0, 3000);
var interval = Arg(1, 60);
var measure = Arg(2, 120);
var workerCount = Arg(3, 3);
var threads = Arg(4, 10);
var admin = Environment.GetEnvironmentVariable("MIMECAST_TEST_POSTGRES") ?? throw new InvalidOperationException("Set MIMECAST_TEST_POSTGRES.");
var database = $"mcqbench_{Guid.NewGuid():N}"[..24];
var clock = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.0}s {text}");

await using (var adminSource = NpgsqlDataSource.Create(admin))
await using (var create = adminSource.CreateCommand($"CREATE DATABASE {database}"))
{
    await create.ExecuteNonQueryAsync();
}

var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
var processes = new List<Process>();
var stats = new Dictionary<int, (long Started, long OnTime, long MaxLagMs)>();
var statsLine = new Regex(@"^STATS started=(\d+) ontime=(\d+) maxlagms=(\d+)$");
try
{
    var options = new MimecastSimulatorOptions { InitialUrlLogs = 0, InitialAttachmentLogs = 0, InitialImpersonationLogs = 0 };
    options.RateLimit.Enabled = false;
    var names = Enumerable.Range(1, customers).Select(i => $"c{i:00000}").ToList();
    foreach (var name in names)
    {
        options.Accounts.Add(ClusterAccounts.For(name));
    }

    await using var simulator = await MimecastSimulator.StartAsync(options);
    await using var dataSource = NpgsqlDataSource.Create(connection);
    await TestDatabase.CreateAsync(dataSource, CancellationToken.None);
    // The workers' real store creates its schema on first use too; created here so the warm-up count can read it at once.
    await new Mimecast.Sdk.Feed.PostgreSql.PostgreSqlCheckpointStore(dataSource).EnsureSchemaAsync(CancellationToken.None);
    await using (var insert = dataSource.CreateCommand($"INSERT INTO {TestDatabase.Schema}.customers (name, interval_ms) SELECT unnest($1::text[]), $2"))
    {
        insert.Parameters.Add(new NpgsqlParameter { Value = names.ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = interval * 1000 });
        await insert.ExecuteNonQueryAsync();
    }

    Say($"{customers} customers every {interval} s, {workerCount} workers x {threads} threads, simulator {simulator.BaseUrl}");
    for (var w = 0; w < workerCount; w++)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mimecast.Sdk.Feed.Quartz.TestWorker.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["TESTWORKER_CONNECTION"] = connection;
        info.Environment["TESTWORKER_SIMULATOR"] = simulator.BaseUrl.ToString();
        info.Environment["TESTWORKER_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        info.Environment["TESTWORKER_RECONCILE_MS"] = "30000";
        info.Environment["TESTWORKER_CHECKIN_MS"] = "7500";
        info.Environment["TESTWORKER_CHECKIN_MISFIRE_MS"] = "15000";
        info.Environment["TESTWORKER_STALLED_TX_MS"] = "10000";
        info.Environment["TESTWORKER_STATS"] = "1";
        var process = Process.Start(info)!;
        var pid = process.Id;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && statsLine.Match(line) is { Success: true } m)
            {
                lock (stats)
                {
                    stats[pid] = (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    // Warm-up: every customer polled once (its first checkpoint stored), bounded.
    var warmDeadline = clock.Elapsed + TimeSpan.FromSeconds(Math.Max(300, interval * 3));
    long done = 0;
    while (clock.Elapsed < warmDeadline && (done = await CountAsync(dataSource, "SELECT count(*) FROM mimecast_feed.checkpoint")) < customers)
    {
        await Task.Delay(2000);
    }

    Say($"warm-up: {done}/{customers} customers polled once");
    // One more interval so the start-up burst has spread out, then measure.
    await Task.Delay(TimeSpan.FromSeconds(interval));
    var before = Snapshot();
    var cpuBefore = processes.ToDictionary(p => p.Id, CpuSeconds);
    await Task.Delay(TimeSpan.FromSeconds(measure));
    await Task.Delay(TimeSpan.FromSeconds(6)); // one more STATS line from every worker
    var after = Snapshot();
    var started = after.Started - before.Started;
    var onTime = after.OnTime - before.OnTime;
    Say($"RESULT polls started in {measure} s: {started} ({started / (double)measure:0.0}/s, expected {customers / (double)interval:0.0}/s); " +
        $"within 5 s of due: {onTime} (ratio {(started == 0 ? 0 : onTime / (double)started):0.000}); max lag {after.MaxLagMs / 1000.0:0.0} s");
    foreach (var p in processes)
    {
        Say($"worker {p.Id}: RSS {RssMb(p.Id):0} MB, CPU {(CpuSeconds(p) - cpuBefore[p.Id]) / measure * 100:0}% of one core during the window");
    }

    Say($"benchmark process (simulator): CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0} s total; load {File.ReadAllText("/proc/loadavg").Trim()}");
}
finally
{
    foreach (var p in processes)
    {
        try
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    NpgsqlConnection.ClearAllPools();
    await using var adminSource = NpgsqlDataSource.Create(admin);
    await using var drop = adminSource.CreateCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    await drop.ExecuteNonQueryAsync();
}

(long Started, long OnTime, long MaxLagMs) Snapshot()
{
    lock (stats)
    {
        return (stats.Values.Sum(s => s.Started), stats.Values.Sum(s => s.OnTime), stats.Values.DefaultIfEmpty().Max(s => s.MaxLagMs));
    }
}

static async Task<long> CountAsync(NpgsqlDataSource source, string sql)
{
    await using var command = source.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync())!;
}

static double CpuSeconds(Process p)
{
    p.Refresh();
    return p.HasExited ? 0 : p.TotalProcessorTime.TotalSeconds;
}

static double RssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
