namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>Settings of a feed cluster worker (<see cref="MimecastFeedClusterServiceCollectionExtensions.AddMimecastFeedCluster(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{MimecastFeedClusterOptions})"/>).</summary>
public sealed class MimecastFeedClusterOptions
{
    /// <summary>
    /// Gets or sets the PostgreSQL connection string of the database every worker shares: Quartz's tables and, unless
    /// you register another store, the checkpoints and outbox (<see cref="CheckpointSchema"/>). Required; never logged.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the PostgreSQL schema of Quartz's tables; created on first use. Default <c>mimecast_quartz</c>.</summary>
    public string Schema { get; set; } = "mimecast_quartz";

    /// <summary>
    /// Gets or sets the PostgreSQL schema of the checkpoint store and outbox the cluster registers on
    /// <see cref="ConnectionString"/> (ignored when a store is registered before <c>AddMimecastFeedCluster</c>).
    /// Default <c>mimecast_feed</c>.
    /// </summary>
    public string CheckpointSchema { get; set; } = Mimecast.Sdk.Feed.PostgreSql.PostgreSqlCheckpointStoreOptions.DefaultSchemaName;

    /// <summary>Gets or sets the prefix of Quartz's table names. Default <c>qrtz_</c>.</summary>
    public string TablePrefix { get; set; } = "qrtz_";

    /// <summary>Gets or sets the Quartz scheduler name; every worker of one cluster uses the same one. Default <c>mimecast-feed</c>.</summary>
    public string SchedulerName { get; set; } = "mimecast-feed";

    /// <summary>
    /// Gets or sets this worker's instance id, unique in the cluster. Default: null, which generates
    /// <c>{host}-{process id}-{random}</c> at every start, so a restarted worker never shares an id with its previous life.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// Gets or sets how many customer polls are in flight at once in this worker, over all the shards it runs (async
    /// I/O: a poll waiting for Mimecast holds no thread). Size it for the worker's share of polls per second times the
    /// time of one poll (three API calls). Default 100.
    /// </summary>
    public int MaxConcurrentPolls { get; set; } = 100;

    /// <summary>
    /// Gets or sets how many shards the customers are spread over (a customer's shard is a stable hash of its name).
    /// Quartz owns shards, not customers: one job per shard, run by one worker at a time. Every worker of a cluster
    /// must use the same count. Default 32.
    /// </summary>
    public int ShardCount { get; set; } = 32;

    /// <summary>
    /// Gets or sets how long one run of a shard holds it before handing it back to the scheduler (it is usually taken
    /// again by the same worker; a worker holding more than its fair share releases the surplus then). Default 30 s.
    /// </summary>
    public TimeSpan ShardLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often this worker checks in (writes its row in <c>QRTZ_SCHEDULER_STATE</c>). Default 2 s.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets how long past a missed check-in the other workers wait before they declare this one dead and take
    /// over its shards. Failover takes about 2 × <see cref="CheckinInterval"/> + this (see docs/cluster.md). Default 5 s.
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long a Quartz database session may sit idle inside a transaction before PostgreSQL ends it
    /// (<c>idle_in_transaction_session_timeout</c> on Quartz's connections). A worker frozen mid-transaction (a long GC
    /// pause, a suspended VM, SIGSTOP) would otherwise hold Quartz's lock rows and stall every worker until it wakes.
    /// Quartz's own transactions last milliseconds. The checkpoint store the cluster registers uses the same limit. Default 10 s.
    /// </summary>
    public TimeSpan StalledTransactionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how late a shard run may start before its trigger counts as misfired (it then runs at once: see docs/cluster.md). Default 60 s.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how often each worker reads the customer source (and checks that every shard job exists). Default 30 s.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the poll interval of a customer that names none. Default 60 s.</summary>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the clock difference from the database's <c>now()</c> beyond which the health check reports this worker degraded. Default 1 s.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the scheduler's idle wait (how long it sleeps when nothing is due). Default 1 s, so a re-armed poll starts on time.</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets the feed settings every customer's poll uses (kinds, initial lookback, overlap window, events per poll,
    /// page size); <see cref="MimecastIncidentFeedOptions.CustomerName"/> and <see cref="MimecastIncidentFeedOptions.PollInterval"/>
    /// are ignored (the customer and its <see cref="MimecastFeedCustomer.PollInterval"/> decide).
    /// </summary>
    public MimecastIncidentFeedOptions Feed { get; } = new();

    /// <summary>Gets the customers polled when no <see cref="IMimecastCustomerSource"/> is registered (bound from configuration).</summary>
    public IList<MimecastFeedCustomer> Customers { get; } = [];

    internal string QualifiedTablePrefix => Schema + "." + TablePrefix;

    /// <summary>Returns the scheduler and schema names (never the connection string).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"Feed cluster '{SchedulerName}' in schema '{Schema}' ({Customers.Count} configured customer(s))";
}
