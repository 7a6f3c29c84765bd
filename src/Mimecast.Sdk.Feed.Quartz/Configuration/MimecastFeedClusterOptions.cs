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

    /// <summary>Gets or sets how many customer polls run at once in this worker (Quartz's thread pool). Default 10.</summary>
    public int MaxConcurrentPolls { get; set; } = 10;

    /// <summary>Gets or sets how often this worker checks in (writes its row in <c>QRTZ_SCHEDULER_STATE</c>). Default 7.5 s.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>
    /// Gets or sets how long past a missed check-in the other workers wait before they declare this one dead and take
    /// over its customers. Failover takes about <see cref="CheckinInterval"/> + this. Default 15 s.
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets how long a Quartz database session may sit idle inside a transaction before PostgreSQL ends it
    /// (<c>idle_in_transaction_session_timeout</c> on Quartz's connections). A worker frozen mid-transaction (a long GC
    /// pause, a suspended VM, SIGSTOP) would otherwise hold Quartz's lock rows and stall every worker until it wakes.
    /// Quartz's own transactions last milliseconds. The checkpoint store the cluster registers uses the same limit. Default 10 s.
    /// </summary>
    public TimeSpan StalledTransactionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how late a poll may start before its trigger counts as misfired (it then runs at once: see docs/cluster.md). Default 60 s.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how often each worker compares the customer source with the scheduled jobs. Default 30 s.</summary>
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
