using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Mimecast.Sdk.Testing;
using Npgsql;

// dotnet benchmarks/Mimecast.Sdk.Feed.Quartz.Benchmarks/bin/Release/net10.0/Mimecast.Sdk.Feed.Quartz.Benchmarks.dll [customers] [intervalSeconds] [measureSeconds] [workers] [maxConcurrentPolls|0=default] [latencyMs]
// N customers (each its own simulator account, empty logs: the poll cost without event volume), polled every
// interval by W worker processes with the cluster's default settings (MaxConcurrentPolls too, unless given), every
// API data call answered after latencyMs (the simulator's Latency fault at rate 1); RSS of each worker before any
// customer is listed and after every customer's first poll; then for measureSeconds the share of polls started
// within 5 s of their due time and the CPU of the workers, the simulator and PostgreSQL; then SIGKILL of one worker
// and the time until the customers it held are polled by the others. Prints one SUMMARY line. Run time about
// start-up + interval + 10 s + measureSeconds + failover (bounded). Needs MIMECAST_TEST_POSTGRES. 127.0.0.1 only.
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var customers = Arg(0, 3000);
var interval = Arg(1, 60);
var measure = Arg(2, 120);
var workerCount = Arg(3, 3);
var threads = Arg(4, 0);
var latencyMs = Arg(5, 0);
var threadsLabel = threads > 0 ? threads.ToString(CultureInfo.InvariantCulture) : $"{new Mimecast.Sdk.Feed.Quartz.MimecastFeedClusterOptions().MaxConcurrentPolls}(default)";
var admin = Environment.GetEnvironmentVariable("MIMECAST_TEST_POSTGRES") ?? throw new InvalidOperationException("Set MIMECAST_TEST_POSTGRES.");
var database = $"mcqbench_{Guid.NewGuid():N}"[..24];
var clock = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.0}s {text}");

await using (var adminSource = NpgsqlDataSource.Create(admin))
await using (var create = adminSource.CreateCommand($"CREATE DATABASE {database}"))
{
    await create.ExecuteNonQueryAsync();
}

// Pools capped at 10: every worker has several (Quartz, the checkpoint store, the tenants table), and the first poll of
// every customer loads and commits, so uncapped pools could take the server past max_connections (100 here).
var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 10 }.ConnectionString;
var processes = new List<Process>();
var stats = new Dictionary<int, (long Started, long OnTime, long MaxLagMs, double At, long Ended, long DurationMs)>();
var statsLine = new Regex(@"^STATS started=(\d+) ontime=(\d+) maxlagms=(\d+) ended=(\d+) durationms=(\d+)$");
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
    if (latencyMs > 0)
    {
        // Real Mimecast answers in ~0.3-0.5 s: every data call (the three TTP list calls of a poll) waits this long.
        simulator.Faults.LatencyDuration = TimeSpan.FromMilliseconds(latencyMs);
        simulator.Faults.LatencyRate = 1;
    }

    await using var dataSource = NpgsqlDataSource.Create(connection);
    await TestDatabase.CreateAsync(dataSource, CancellationToken.None);
    // The workers' real store creates its schema on first use too; created here so the warm-up count can read it at once.
    await new Mimecast.Sdk.Feed.PostgreSql.PostgreSqlCheckpointStore(dataSource).EnsureSchemaAsync(CancellationToken.None);
    Say($"{customers} customers every {interval} s, {workerCount} workers x {threadsLabel} polls in flight, latency {latencyMs} ms per API call, simulator {simulator.BaseUrl}");
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
        if (threads > 0)
        {
            info.Environment["TESTWORKER_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        // Everything else unset: the test worker keeps the cluster's defaults (MimecastFeedClusterOptions).
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
                        clock.Elapsed.TotalSeconds, long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture));
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

    // Past the start-up (JIT, schema, the first shard runs): the fixed cost of an idle cluster, not its warm-up.
    await Task.Delay(TimeSpan.FromSeconds(20));
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
    // Bounded at 2.5 intervals (150 s at least): a cluster that cannot keep up is measured behind schedule, at its capacity.
    var warmDeadline = clock.Elapsed + TimeSpan.FromSeconds(Math.Max(150, interval * 2.5));
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
    // What the database's backends wait on during the window (the evidence for lock or pool contention), sampled once a second.
    var waits = new Dictionary<string, int>(StringComparer.Ordinal);
    var samples = 0;
    var maxBackends = 0;
    var maxLockWaiters = 0;
    while (windowClock.Elapsed < TimeSpan.FromSeconds(measure))
    {
        (var sampled, var backends, var lockWaiters) = await SampleWaitsAsync(dataSource, database);
        samples++;
        maxBackends = Math.Max(maxBackends, backends);
        maxLockWaiters = Math.Max(maxLockWaiters, lockWaiters);
        foreach (var w in sampled)
        {
            waits[w] = waits.GetValueOrDefault(w) + 1;
        }

        var left = TimeSpan.FromSeconds(measure) - windowClock.Elapsed;
        await Task.Delay(left < TimeSpan.FromSeconds(1) ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : TimeSpan.FromSeconds(1));
    }

    var window = windowClock.Elapsed.TotalSeconds;
    var waitSummary = string.Join(", ", waits.OrderByDescending(w => w.Value).Take(6).Select(w => $"{w.Key} {w.Value / (double)Math.Max(1, samples):0.0}"));
    Say($"WAITS (active backends per sample, {samples} samples): {(waitSummary.Length == 0 ? "none" : waitSummary)}; backends max {maxBackends}; lock waiters max {maxLockWaiters}");
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
    var ended = after.Keys.Intersect(before.Keys).Sum(k => after[k].Ended - before[k].Ended);
    var meanPollMs = ended == 0 ? 0 : after.Keys.Intersect(before.Keys).Sum(k => after[k].DurationMs - before[k].DurationMs) / (double)ended;
    Say($"RESULT polls started in about {measure} s: {started} ({pollsPerSecond:0.0}/s, expected {customers / (double)interval:0.0}/s); " +
        $"within 5 s of due: {onTime} (ratio {ratio:0.000}); max lag since start {maxLagMs / 1000.0:0.0} s; mean poll {meanPollMs:0} ms");
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

    // Failover: SIGKILL one worker while it runs shards (fired triggers), then wait until every one of them runs on
    // another worker (a shard run starts with the polls that are due, so this is when its customers are polled again).
    var victim = processes[0];
    var victimId = $"worker-{victim.Id}";
    var held = Array.Empty<string>();
    for (var attempt = 0; attempt < 600 && held.Length == 0; attempt++)
    {
        held = await HeldShardsAsync(dataSource, victimId);
        if (held.Length == 0)
        {
            await Task.Delay(50);
        }
    }

    var killedAt = await DatabaseNowAsync(dataSource);
    victim.Kill(); // SIGKILL on Linux
    held = held.Union(await HeldShardsAsync(dataSource, victimId)).ToArray();
    Say($"SIGKILL worker {victim.Id} running {held.Length} shard(s): {string.Join(", ", held.Take(5))}{(held.Length > 5 ? ", ..." : "")}");
    double? failover = null;
    var failoverDeadline = clock.Elapsed + TimeSpan.FromSeconds(180);
    while (held.Length > 0 && clock.Elapsed < failoverDeadline)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(DISTINCT job_name) FROM mimecast_quartz.qrtz_fired_triggers WHERE job_name = ANY($1) AND instance_name <> $2 AND state = 'EXECUTING'");
        command.Parameters.Add(new NpgsqlParameter { Value = held });
        command.Parameters.Add(new NpgsqlParameter { Value = victimId });
        if ((long)(await command.ExecuteScalarAsync())! == held.Length)
        {
            failover = (await DatabaseNowAsync(dataSource) - killedAt).TotalSeconds;
            break;
        }

        await Task.Delay(250);
    }

    Say(failover is { } f ? $"FAILOVER: every shard of the killed worker runs on another worker {f:0.0} s after SIGKILL" : "FAILOVER: not complete within 180 s");
    var rssPerCustomerKb = processes.Average(p => rssLoaded[p.Id] - rssIdle[p.Id]) * 1024 / customers;
    // A worker holds the clients and feeds of the customers of the shards it runs: about customers / workers of them.
    var rssPerOwnedKb = rssPerCustomerKb * workerCount;
    var load = File.ReadAllText("/proc/loadavg").Trim();
    Say($"SUMMARY {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC customers={customers} interval={interval}s latency={latencyMs}ms workers={workerCount}x{threadsLabel} measured={measure}s " +
        $"polls/s={pollsPerSecond:0.0} (needed {customers / (double)interval:0.0}) ontime5s={ratio:0.000} poll={meanPollMs:0}ms " +
        $"rss/worker={processes.Average(p => rssIdle[p.Id]):0}->{processes.Average(p => rssLoaded[p.Id]):0}MB ({rssPerCustomerKb:0.0} KB/customer, {rssPerOwnedKb:0.0} KB/owned customer) " +
        $"cpu%core workers={workerCpu / window * 100:0} simulator={simulatorCpu / window * 100:0} postgres={postgresCpu / window * 100:0} " +
        $"(idle workers={idleWorkerCpu * 100:0} postgres={idlePostgresCpu * 100:0}; ms/poll workers={workerMsPerPoll:0.0} simulator={simulatorCpu * perPoll:0.0} postgres={postgresMsPerPoll:0.0}) " +
        $"failover={(failover is { } fo ? fo.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "none")} backends={maxBackends} lockwaiters={maxLockWaiters} load={load}");
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

Dictionary<int, (long Started, long OnTime, long MaxLagMs, double At, long Ended, long DurationMs)> Snapshot()
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

static async Task<string[]> HeldShardsAsync(NpgsqlDataSource source, string instance)
{
    await using var command = source.CreateCommand(
        "SELECT DISTINCT job_name FROM mimecast_quartz.qrtz_fired_triggers WHERE instance_name = $1 AND job_group = 'mimecast-feed-shards' AND state = 'EXECUTING'");
    command.Parameters.Add(new NpgsqlParameter { Value = instance });
    await using var reader = await command.ExecuteReaderAsync();
    var names = new List<string>();
    while (await reader.ReadAsync())
    {
        names.Add(reader.GetString(0));
    }

    return [.. names];
}

// One sample of the benchmark database's backends: the wait event of each active one (CPU when none), how many there
// are, and how many wait for a lock (pg_locks not granted).
static async Task<(List<string> Waits, int Backends, int LockWaiters)> SampleWaitsAsync(NpgsqlDataSource source, string database)
{
    await using var command = source.CreateCommand(
        """
        SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') , state = 'active',
               (SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = $1)
        FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = database });
    await using var reader = await command.ExecuteReaderAsync();
    var waits = new List<string>();
    var backends = 0;
    var lockWaiters = 0;
    while (await reader.ReadAsync())
    {
        backends++;
        lockWaiters = (int)reader.GetInt64(2);
        if (reader.GetBoolean(1))
        {
            waits.Add(reader.GetString(0));
        }
    }

    return (waits, backends, lockWaiters);
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
