using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Mimecast.Sdk.Testing;
using Npgsql;

// dotnet benchmarks/Mimecast.Sdk.Feed.Quartz.Benchmarks/bin/Release/net10.0/Mimecast.Sdk.Feed.Quartz.Benchmarks.dll [customers] [intervalSeconds] [measureSeconds] [workers] [threads]
// N customers (each its own simulator account, empty logs: the poll cost without event volume), polled every
// interval by W worker processes with the cluster's default check-in settings; RSS of each worker before any
// customer is listed and after every customer's first poll; then for measureSeconds the share of polls started
// within 5 s of their due time and the CPU of the workers, the simulator and PostgreSQL; then SIGKILL of one worker
// and the time until the customers it held are polled by the others. Prints one SUMMARY line. Run time about
// start-up + interval + 10 s + measureSeconds + failover (bounded). Needs MIMECAST_TEST_POSTGRES. 127.0.0.1 only.
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
var stats = new Dictionary<int, (long Started, long OnTime, long MaxLagMs, double At)>();
var statsLine = new Regex(@"^STATS started=(\d+) ontime=(\d+) maxlagms=(\d+)$");
var startedWorkers = 0;
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
        // The cluster's defaults (MimecastFeedClusterOptions): reconcile 30 s, check-in 7.5 s, dead after 15 s more, stalled transactions ended after 10 s.
        info.Environment["TESTWORKER_RECONCILE_MS"] = "30000";
        info.Environment["TESTWORKER_CHECKIN_MS"] = "7500";
        info.Environment["TESTWORKER_CHECKIN_MISFIRE_MS"] = "15000";
        info.Environment["TESTWORKER_STALLED_TX_MS"] = "10000";
        info.Environment["TESTWORKER_STATS"] = "1";
        var process = Process.Start(info)!;
        var pid = process.Id;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("STARTED", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref startedWorkers);
            }

            if (e.Data is { } line && statsLine.Match(line) is { Success: true } m)
            {
                lock (stats)
                {
                    stats[pid] = (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                        clock.Elapsed.TotalSeconds);
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    // Memory of an idle worker: started, checked in, no customer listed yet (bounded wait for every STARTED line).
    var startDeadline = clock.Elapsed + TimeSpan.FromSeconds(300);
    while (clock.Elapsed < startDeadline && Volatile.Read(ref startedWorkers) < workerCount)
    {
        await Task.Delay(500);
    }

    await Task.Delay(TimeSpan.FromSeconds(5));
    var rssIdle = processes.ToDictionary(p => p.Id, p => RssMb(p.Id));
    // The cluster's fixed cost with no customer (check-ins, trigger acquisition rounds, reconcile passes), over 10 s.
    var idlePostgresPids = await PostgresBackendsAsync(dataSource, database);
    var idleCpuBefore = processes.Sum(CpuSeconds);
    var idlePostgresBefore = idlePostgresPids.Sum(ProcCpuSeconds);
    await Task.Delay(TimeSpan.FromSeconds(10));
    var idleWorkerCpu = (processes.Sum(CpuSeconds) - idleCpuBefore) / 10;
    var idlePostgresCpu = (idlePostgresPids.Sum(ProcCpuSeconds) - idlePostgresBefore) / 10;
    Say($"idle (no customer): workers {idleWorkerCpu * 100:0}% of one core, PostgreSQL {idlePostgresCpu * 100:0}%");
    Say($"{startedWorkers}/{workerCount} workers started; RSS with no customer: {string.Join(", ", rssIdle.Values.Select(v => $"{v:0} MB"))}");
    await using (var insert = dataSource.CreateCommand($"INSERT INTO {TestDatabase.Schema}.customers (name, interval_ms) SELECT unnest($1::text[]), $2"))
    {
        insert.Parameters.Add(new NpgsqlParameter { Value = names.ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = interval * 1000 });
        await insert.ExecuteNonQueryAsync();
    }

    // Warm-up: every customer polled once (its first checkpoint stored), bounded. The first polls of customers
    // added together are spread over one interval, so this takes about one interval plus a reconcile pass.
    var warmDeadline = clock.Elapsed + TimeSpan.FromSeconds(Math.Max(300, interval * 3));
    long done = 0;
    while (clock.Elapsed < warmDeadline && (done = await CountAsync(dataSource, "SELECT count(*) FROM mimecast_feed.checkpoint")) < customers)
    {
        await Task.Delay(2000);
    }

    Say($"warm-up: {done}/{customers} customers polled once");
    // A short settle so the measured window starts in steady state, then measure.
    await Task.Delay(TimeSpan.FromSeconds(10));
    var rssLoaded = processes.ToDictionary(p => p.Id, p => RssMb(p.Id));
    var postgresPids = await PostgresBackendsAsync(dataSource, database);
    var before = Snapshot();
    var cpuBefore = processes.ToDictionary(p => p.Id, CpuSeconds);
    var simulatorCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var postgresCpuBefore = postgresPids.Sum(ProcCpuSeconds);
    var windowClock = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(measure));
    var window = windowClock.Elapsed.TotalSeconds;
    var workerCpu = processes.Sum(p => CpuSeconds(p) - cpuBefore[p.Id]);
    var simulatorCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - simulatorCpuBefore;
    var postgresCpu = postgresPids.Sum(ProcCpuSeconds) - postgresCpuBefore;
    await Task.Delay(TimeSpan.FromSeconds(1.5)); // one more STATS line (every second) from every worker
    var after = Snapshot();
    // Per worker: polls started between the STATS line read at the window's start and the one read after its end,
    // over the time between those two lines.
    var pollsPerSecond = after.Keys.Intersect(before.Keys).Sum(k => (after[k].Started - before[k].Started) / Math.Max(0.5, after[k].At - before[k].At));
    var started = after.Keys.Intersect(before.Keys).Sum(k => after[k].Started - before[k].Started);
    var onTime = after.Keys.Intersect(before.Keys).Sum(k => after[k].OnTime - before[k].OnTime);
    var ratio = started == 0 ? 0 : onTime / (double)started;
    var maxLagMs = after.Values.DefaultIfEmpty().Max(v => v.MaxLagMs);
    Say($"RESULT polls started in about {measure} s: {started} ({pollsPerSecond:0.0}/s, expected {customers / (double)interval:0.0}/s); " +
        $"within 5 s of due: {onTime} (ratio {ratio:0.000}); max lag since start {maxLagMs / 1000.0:0.0} s");
    foreach (var p in processes)
    {
        Say($"worker {p.Id}: RSS {rssIdle[p.Id]:0} MB with no customer, {rssLoaded[p.Id]:0} MB with {customers}, CPU {(CpuSeconds(p) - cpuBefore[p.Id]) / window * 100:0}% of one core during the window");
    }

    // Per poll: the window's CPU less the idle cluster's fixed cost, divided by the polls.
    var perPoll = pollsPerSecond <= 0 ? 0 : 1000.0 / (pollsPerSecond * window);
    var workerMsPerPoll = (workerCpu - (idleWorkerCpu * window)) * perPoll;
    var postgresMsPerPoll = (postgresCpu - (idlePostgresCpu * window)) * perPoll;
    Say($"CPU during the window (% of one core; CPU ms per poll above the idle cost): workers {workerCpu / window * 100:0}% ({workerMsPerPoll:0.0} ms), " +
        $"simulator {simulatorCpu / window * 100:0}% ({simulatorCpu * perPoll:0.0} ms), PostgreSQL ({postgresPids.Count} backends) {postgresCpu / window * 100:0}% ({postgresMsPerPoll:0.0} ms); machine {Environment.ProcessorCount} cores");

    // Failover: SIGKILL one worker while it holds customers (fired or acquired triggers), then wait until every one
    // of them has been committed again by another worker (its checkpoint's updated_at after the kill).
    var victim = processes[0];
    var victimId = $"worker-{victim.Id}";
    var held = Array.Empty<string>();
    for (var attempt = 0; attempt < 600 && held.Length == 0; attempt++)
    {
        held = await HeldCustomersAsync(dataSource, victimId);
        if (held.Length == 0)
        {
            await Task.Delay(50);
        }
    }

    var killedAt = await DatabaseNowAsync(dataSource);
    victim.Kill(); // SIGKILL on Linux
    held = held.Union(await HeldCustomersAsync(dataSource, victimId)).ToArray();
    Say($"SIGKILL worker {victim.Id} holding {held.Length} customer(s): {string.Join(", ", held.Take(5))}{(held.Length > 5 ? ", ..." : "")}");
    // A poll re-arms its customer's one-shot trigger one interval after its end: a held customer has been polled
    // again once its next_fire_time (UTC ticks) lies more than one interval after the kill.
    double? failover = null;
    var failoverDeadline = clock.Elapsed + TimeSpan.FromSeconds(180);
    while (held.Length > 0 && clock.Elapsed < failoverDeadline)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), max(next_fire_time) FROM mimecast_quartz.qrtz_triggers WHERE trigger_group = 'mimecast-feed' AND trigger_name = ANY($1) AND next_fire_time > $2");
        command.Parameters.Add(new NpgsqlParameter { Value = held });
        command.Parameters.Add(new NpgsqlParameter { Value = (killedAt + TimeSpan.FromSeconds(interval)).UtcTicks });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetInt64(0) == held.Length)
        {
            failover = (new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero) - TimeSpan.FromSeconds(interval) - killedAt).TotalSeconds;
            break;
        }

        await reader.DisposeAsync();
        await Task.Delay(250);
    }

    Say(failover is { } f ? $"FAILOVER: every customer held by the killed worker polled again by another {f:0.0} s after SIGKILL" : "FAILOVER: not complete within 180 s");
    var rssPerCustomerKb = processes.Average(p => rssLoaded[p.Id] - rssIdle[p.Id]) * 1024 / customers;
    var load = File.ReadAllText("/proc/loadavg").Trim();
    Say($"SUMMARY {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC customers={customers} interval={interval}s workers={workerCount}x{threads} measured={measure}s " +
        $"polls/s={pollsPerSecond:0.0} (needed {customers / (double)interval:0.0}) ontime5s={ratio:0.000} " +
        $"rss/worker={processes.Average(p => rssIdle[p.Id]):0}->{processes.Average(p => rssLoaded[p.Id]):0}MB ({rssPerCustomerKb:0.0} KB/customer) " +
        $"cpu%core workers={workerCpu / window * 100:0} simulator={simulatorCpu / window * 100:0} postgres={postgresCpu / window * 100:0} " +
        $"(idle workers={idleWorkerCpu * 100:0} postgres={idlePostgresCpu * 100:0}; ms/poll workers={workerMsPerPoll:0.0} simulator={simulatorCpu * perPoll:0.0} postgres={postgresMsPerPoll:0.0}) " +
        $"failover={(failover is { } fo ? fo.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "none")} load={load}");
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

Dictionary<int, (long Started, long OnTime, long MaxLagMs, double At)> Snapshot()
{
    lock (stats)
    {
        return new(stats);
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

static async Task<List<int>> PostgresBackendsAsync(NpgsqlDataSource source, string database)
{
    await using var command = source.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1");
    command.Parameters.Add(new NpgsqlParameter { Value = database });
    await using var reader = await command.ExecuteReaderAsync();
    var pids = new List<int>();
    while (await reader.ReadAsync())
    {
        pids.Add(reader.GetInt32(0));
    }

    return pids;
}

static async Task<string[]> HeldCustomersAsync(NpgsqlDataSource source, string instance)
{
    await using var command = source.CreateCommand("SELECT DISTINCT job_name FROM mimecast_quartz.qrtz_fired_triggers WHERE instance_name = $1 AND job_name IS NOT NULL");
    command.Parameters.Add(new NpgsqlParameter { Value = instance });
    await using var reader = await command.ExecuteReaderAsync();
    var names = new List<string>();
    while (await reader.ReadAsync())
    {
        names.Add(reader.GetString(0));
    }

    return [.. names];
}

static async Task<DateTimeOffset> DatabaseNowAsync(NpgsqlDataSource source)
{
    await using var command = source.CreateCommand("SELECT clock_timestamp()");
    return new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
}

// utime + stime of a process from /proc (0 once it has gone), in seconds.
static double ProcCpuSeconds(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (IOException)
    {
        return 0;
    }
}

static double RssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
