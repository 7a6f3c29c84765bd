using Xunit.Abstractions;
using System.Diagnostics;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Mimecast.Sdk.Testing;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// One test's cluster: its own PostgreSQL database (created here, dropped at dispose), the simulator on 127.0.0.1 with
/// one account per customer, and the worker processes it starts (all killed at dispose, also when the test fails).
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const int PollIntervalMs = 2000;

    public const int ShardLeaseMs = 4000;

    /// <summary>The cluster's default shard count (the test workers keep it).</summary>
    public static readonly int ShardCount = new MimecastFeedClusterOptions().ShardCount;

    private readonly List<WorkerProcess> _workers = [];
    private readonly string _adminConnection;
    private readonly ITestOutputHelper _output;

    private ClusterHarness(string adminConnection, string database, string connection, MimecastSimulator simulator, NpgsqlDataSource dataSource, ITestOutputHelper output)
    {
        _adminConnection = adminConnection;
        Database = database;
        Connection = connection;
        Simulator = simulator;
        DataSource = dataSource;
        _output = output;
    }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public string Database { get; }

    public string Connection { get; }

    public MimecastSimulator Simulator { get; }

    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    public static string? AdminConnection => Environment.GetEnvironmentVariable("MIMECAST_TEST_POSTGRES");

    public static async Task<ClusterHarness> StartAsync(IReadOnlyList<string> customers, ITestOutputHelper output, IReadOnlyList<string>? extraAccounts = null,
        string? adminConnection = null)
    {
        var admin = adminConnection ?? AdminConnection ?? throw new InvalidOperationException("MIMECAST_TEST_POSTGRES is not set.");
        var database = $"mcq_{Guid.NewGuid():N}"[..24];
        await using (var adminSource = NpgsqlDataSource.Create(admin))
        await using (var create = adminSource.CreateCommand($"CREATE DATABASE {database}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 20 }.ConnectionString;
        var options = new MimecastSimulatorOptions
        {
            InitialUrlLogs = 30,
            InitialAttachmentLogs = 15,
            InitialImpersonationLogs = 8,
            InitialLogSpan = TimeSpan.FromHours(24),
        };
        foreach (var name in customers.Concat(extraAccounts ?? []))
        {
            options.Accounts.Add(ClusterAccounts.For(name));
        }

        var simulator = await MimecastSimulator.StartAsync(options);
        var dataSource = NpgsqlDataSource.Create(connection);
        await TestDatabase.CreateAsync(dataSource, CancellationToken.None);
        var harness = new ClusterHarness(admin, database, connection, simulator, dataSource, output);
        foreach (var name in customers)
        {
            await harness.AddCustomerAsync(name);
        }

        return harness;
    }

    public WorkerProcess StartWorker(int holdMs = 0, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["TESTWORKER_CONNECTION"] = Connection,
            ["TESTWORKER_SIMULATOR"] = Simulator.BaseUrl.ToString(),
            ["TESTWORKER_HOLD_MS"] = holdMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TESTWORKER_CHECKIN_MS"] = "1000",
            ["TESTWORKER_CHECKIN_MISFIRE_MS"] = "2000",
            ["TESTWORKER_RECONCILE_MS"] = "1000",
            ["TESTWORKER_THREADS"] = "8",
            ["TESTWORKER_STALLED_TX_MS"] = "3000",
            // Short shard runs, so shards move between the workers during a test (the default is 30 s).
            ["TESTWORKER_LEASE_MS"] = ShardLeaseMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var worker = WorkerProcess.Start(environment, Clock);
        _workers.Add(worker);
        return worker;
    }

    public async Task AddCustomerAsync(string name)
    {
        await using var command = DataSource.CreateCommand($"INSERT INTO {TestDatabase.Schema}.customers (name, interval_ms) VALUES ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = PollIntervalMs });
        await command.ExecuteNonQueryAsync();
    }

    public async Task RemoveCustomerAsync(string name)
    {
        await using var command = DataSource.CreateCommand($"DELETE FROM {TestDatabase.Schema}.customers WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Adds new records of every kind for a customer, dated now.</summary>
    public int AppendEvents(string customer, int perKind = 3)
    {
        var email = ClusterAccounts.For(customer).EmailAddress;
        Simulator.Records<SimulatorUrlLog>().Add(perKind, accountEmail: email);
        Simulator.Records<SimulatorAttachmentLog>().Add(perKind, accountEmail: email);
        Simulator.Records<SimulatorImpersonationLog>().Add(perKind, accountEmail: email);
        return 3 * perKind;
    }

    public int ExpectedEvents(string customer)
    {
        var email = ClusterAccounts.For(customer).EmailAddress;
        return Simulator.GetLogCount(SimulatorLogKind.Url, email) + Simulator.GetLogCount(SimulatorLogKind.Attachment, email)
            + Simulator.GetLogCount(SimulatorLogKind.Impersonation, email);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of the customer in the real store's outbox (0 before the first worker created the store's schema).</summary>
    public Task<long> OutboxRowsAsync(string customer) =>
        OutboxScalarAsync($"SELECT count(*) FROM {TestDatabase.OutboxTable} WHERE customer = $1", customer);

    /// <summary>
    /// Event ids accepted by more than one successful commit, over all customers, from the workers' commit journal (the
    /// real outbox is unique on (customer, event id), so a second acceptance would not show there as a second row).
    /// </summary>
    public Task<long> DuplicatesAsync() =>
        ScalarAsync($"SELECT count(*) FROM (SELECT 1 FROM {TestDatabase.Schema}.commits c, unnest(c.event_ids) AS e(id) WHERE NOT c.fenced GROUP BY c.customer, e.id HAVING count(*) > 1) d");

    /// <summary>Outbox rows with no successful journaled commit behind them, or journaled events missing from the outbox (both must be 0).</summary>
    public Task<long> JournalMismatchAsync() =>
        OutboxScalarAsync($"""
            SELECT count(*) FROM (
              (SELECT customer, event_id FROM {TestDatabase.OutboxTable}
               EXCEPT SELECT c.customer, e.id FROM {TestDatabase.Schema}.commits c, unnest(c.event_ids) AS e(id) WHERE NOT c.fenced)
              UNION ALL
              (SELECT c.customer, e.id FROM {TestDatabase.Schema}.commits c, unnest(c.event_ids) AS e(id) WHERE NOT c.fenced
               EXCEPT SELECT customer, event_id FROM {TestDatabase.OutboxTable})) m
            """);

    private async Task<long> OutboxScalarAsync(string sql, params object[] parameters)
    {
        try
        {
            return await ScalarAsync(sql, parameters);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Outbox rows the relay has not marked delivered yet.</summary>
    public Task<long> UndeliveredAsync() => OutboxScalarAsync($"SELECT count(*) FROM {TestDatabase.OutboxTable} WHERE delivered_at IS NULL");

    public Task<long> FencedCommitsAsync(string? instance = null) => instance is null
        ? ScalarAsync($"SELECT count(*) FROM {TestDatabase.Schema}.commits WHERE fenced")
        : ScalarAsync($"SELECT count(*) FROM {TestDatabase.Schema}.commits WHERE fenced AND instance = $1", instance);

    /// <summary>Waits (bounded) until every customer's outbox holds exactly the simulator's events; fails the test with the shortfall otherwise.</summary>
    public async Task WaitAllDeliveredAsync(IEnumerable<string> customers, TimeSpan timeout)
    {
        var list = customers.ToList();
        var deadline = Clock.Elapsed + timeout;
        var missing = new List<string>();
        for (var attempt = 0; attempt < 10_000 && Clock.Elapsed < deadline; attempt++)
        {
            missing.Clear();
            try
            {
                foreach (var customer in list)
                {
                    var distinct = await OutboxRowsAsync(customer);
                    if (distinct != ExpectedEvents(customer))
                    {
                        missing.Add($"{customer}: {distinct}/{ExpectedEvents(customer)}");
                    }
                }
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                missing.Add($"database unreachable ({ex.Message})"); // the tests' own connections see the outage too
            }

            if (missing.Count == 0)
            {
                _output.WriteLine($"{Clock.Elapsed.TotalSeconds,8:0.000} all events of {list.Count} customer(s) delivered");
                return;
            }

            await Task.Delay(250);
        }

        DumpWorkers();
        Assert.Fail($"Not every event was delivered within {timeout}: {string.Join(", ", missing)}");
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds (a transient database error counts as not yet); fails the test otherwise.</summary>
    public async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Clock.Elapsed + timeout;
        for (var attempt = 0; attempt < 100_000 && Clock.Elapsed < deadline; attempt++)
        {
            try
            {
                if (await condition())
                {
                    _output.WriteLine($"{Clock.Elapsed.TotalSeconds,8:0.000} {what}");
                    return;
                }
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                // not yet: the database is still coming back
            }

            await Task.Delay(100);
        }

        DumpWorkers();
        Assert.Fail($"Not within {timeout}: {what}");
    }

    /// <summary>Waits (bounded) until some worker prints a line starting with <paramref name="prefix"/> after <paramref name="since"/>.</summary>
    public async Task<(WorkerProcess Worker, TimeSpan At, string Line)> WaitForLineAsync(string prefix, TimeSpan since, TimeSpan timeout, Func<WorkerProcess, bool>? which = null)
    {
        var deadline = Clock.Elapsed + timeout;
        for (var attempt = 0; attempt < 100_000 && Clock.Elapsed < deadline; attempt++)
        {
            foreach (var worker in _workers.Where(w => which?.Invoke(w) ?? true))
            {
                if (worker.Find(prefix, since) is { } hit)
                {
                    return (worker, hit.At, hit.Line);
                }
            }

            await Task.Delay(20);
        }

        DumpWorkers();
        Assert.Fail($"No worker printed '{prefix}' within {timeout}.");
        return default;
    }

    public async Task WaitStartedAsync(IEnumerable<WorkerProcess> workers, TimeSpan timeout)
    {
        foreach (var worker in workers)
        {
            await WaitForLineAsync("STARTED", TimeSpan.Zero, timeout, w => w == worker);
        }

        _output.WriteLine($"{Clock.Elapsed.TotalSeconds,8:0.000} workers started");
    }

    public void DumpWorkers()
    {
        foreach (var worker in _workers)
        {
            _output.WriteLine($"--- worker {worker.Pid} (exited: {worker.HasExited}) stdout:");
            foreach (var (at, line) in worker.Lines.TakeLast(60))
            {
                _output.WriteLine($"{at.TotalSeconds,8:0.000} {line}");
            }

            var err = worker.Stderr;
            _output.WriteLine($"--- stderr (last 6000 chars):");
            _output.WriteLine(err.Length > 6000 ? err[^6000..] : err);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        await Simulator.DisposeAsync();
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var adminSource = NpgsqlDataSource.Create(_adminConnection);
        await using var drop = adminSource.CreateCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
