using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Fetches the Targeted Threat Protection incidents of one customer that are new since the last accepted poll: URL
/// clicks, attachment scans and impersonation detections, and on request its audit events and SIEM stream events
/// (<see cref="MimecastFeedKind"/>), as one typed stream of <see cref="MimecastFeedEvent"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Delivery contract.</b> <see cref="PollAsync"/> returns every event that is new since the last
/// <em>committed</em> batch, and the checkpoint advances only when the caller commits the batch
/// (<see cref="MimecastFeedBatch.CommitAsync(CancellationToken)"/>): an event is delivered to the caller at least once (again after a
/// crash, a cancellation, a failure or a batch not committed) and the feed itself never delivers a committed event
/// twice nor skips one. A poll cut off by an exception or cancellation commits nothing.
/// </para>
/// <para>
/// <b>Kinds.</b> <see cref="MimecastIncidentFeedOptions.GetSelectedKinds"/> lists what a poll reads, each kind with its
/// own checkpoint keyed by <see cref="MimecastFeedKind.Name"/>. The TTP and audit kinds work as below (audit identity:
/// <c>audit:{id}</c>). A SIEM stream kind resumes from the stream's cursor instead, which handles late events; a
/// refused cursor falls back to the cursor's time minus the overlap window, deduplicated by identity
/// (<c>siem:{type}:{sha256 of the whole record}</c>), counted and logged.
/// </para>
/// <para>
/// <b>Checkpoints.</b> Per (customer, kind) the feed stores the second of the last delivered event and the identity of
/// every event delivered at that second (<see cref="MimecastFeedCheckpoint"/>). Each poll queries with
/// <c>oldestFirst = true</c> and <c>from</c> = that second (Mimecast's <c>from</c> is inclusive at one-second
/// granularity), re-reads the second and skips the identities seen. A kind stops after
/// <see cref="MimecastIncidentFeedOptions.MaxEventsPerPoll"/> new events, even in the middle of a second: the
/// checkpoint then holds every identity delivered at that second, so nothing is skipped or repeated. Without a
/// checkpoint a kind starts at now − <see cref="MimecastIncidentFeedOptions.InitialLookback"/> (truncated to the
/// second), and that start is stored on the first commit even if no event was found.
/// </para>
/// <para>
/// <b>Identity</b> (<see cref="MimecastFeedEvent.Id"/>). An impersonation log: its Mimecast <c>id</c>. A URL log, an
/// attachment log, or an impersonation log without <c>id</c>: <c>{sha256}#{n}</c>, the lowercase hex SHA-256 of the
/// kind and the record's fields (URL: date, userEmailAddress, fromUserEmailAddress, url, messageId, action,
/// scanResult, route, ttpDefinition, subject, adminOverride, userOverride, category, sendingIp,
/// userAwarenessAction, actions, creationMethod, emailPartsDescription; attachment: date, senderAddress,
/// recipientAddress, fileName, fileHash, fileType, messageId, result, actionTriggered, route, definition, details,
/// subject; impersonation: eventTime, senderAddress, recipientAddress, senderIpAddress, messageId, subject,
/// definition, action, hits, taggedExternal, taggedMalicious, identifiers), and <c>n</c> = 1, 2, … counts records
/// identical in all those fields within one second, in listing order, so true duplicates are all delivered. Fields
/// not named (<c>tagMap</c>, unknown fields) do not take part. The hashed text is the UTF-8 concatenation, for the
/// kind name (<c>url</c>, <c>attachment</c>, <c>impersonation</c>) and then each field in the order above, of
/// <c>~;</c> for a missing value or <c>{length}:{value};</c> otherwise (length in UTF-16 code units); times are
/// written in UTC as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, numbers in invariant decimal, booleans as <c>True</c> /
/// <c>False</c>, and lists as <c>[{count}]</c> followed by their items.
/// </para>
/// <para>
/// <b>Records without a time.</b> They are delivered, never dropped: <see cref="MimecastFeedEvent.Time"/> is then the
/// listing position (the second of the record before it, or the query start) and
/// <see cref="MimecastFeedEvent.IsTimeEstimated"/> is set; their identity is remembered at that second. Records
/// older than the query start (which an oldest-first listing from that start should not contain) are skipped as
/// already behind the checkpoint; records out of order inside the window are delivered and remembered at the
/// current position.
/// </para>
/// <para>
/// Rate limits and transient faults are handled by the <see cref="IMimecastClient"/>. An instance is not
/// thread-safe: one <see cref="PollAsync"/> or commit at a time (a concurrent call throws
/// <see cref="InvalidOperationException"/>). Run one feed per customer and checkpoint store; the stored state is read
/// on the first poll and then kept in memory.
/// </para>
/// </remarks>
public sealed class MimecastIncidentFeed
{
    private readonly IMimecastCheckpointStore _store;
    private readonly MimecastIncidentFeedOptions _options;
    private readonly IReadOnlyList<MimecastFeedKind> _kinds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IFeedKindReader _ttp;
    private readonly IFeedKindReader _audit;
    private readonly IFeedKindReader _siem;
    private readonly IFeedKindReader _held;
    private MimecastFeedState? _committed;
    private MimecastCheckpointVersion _version;
    private int _busy;

    /// <summary>Creates a feed over a client. Checkpoints are keyed by <see cref="MimecastIncidentFeedOptions.CustomerName"/>, not by the client's name.</summary>
    /// <param name="client">The customer's client.</param>
    /// <param name="checkpointStore">Where checkpoints are kept, under <see cref="MimecastIncidentFeedOptions.CustomerName"/>.</param>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="meterFactory">Creates the feed's <c>Mimecast.Sdk.Feed</c> meter (counters <c>mimecast.feed.late_events</c>, <c>mimecast.feed.events_beyond_window</c> and <c>mimecast.feed.cursor_fallbacks</c>, tagged with customer and kind); a private meter when <see langword="null"/>.</param>
    public MimecastIncidentFeed(IMimecastClient client, IMimecastCheckpointStore checkpointStore, MimecastIncidentFeedOptions options,
        TimeProvider? timeProvider = null, ILogger? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(checkpointStore);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        _store = checkpointStore;
        _kinds = _options.GetSelectedKinds();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        var context = new FeedKindContext(client, _options, _time, _logger, new FeedTelemetry(meterFactory));
        _ttp = new TtpKindReader(context);
        _audit = new AuditKindReader(context);
        _siem = new SiemStreamKindReader(context);
        _held = new HeldKindReader(context);
    }

    /// <summary>
    /// Creates a feed over the client named <see cref="MimecastIncidentFeedOptions.CustomerName"/>, on the system clock,
    /// without logging. For a clock, logger or meter factory, pass <c>clientFactory.CreateClient(options.CustomerName)</c>
    /// to the other constructor.
    /// </summary>
    /// <param name="clientFactory">The factory of customer clients.</param>
    /// <param name="checkpointStore">Where checkpoints are kept.</param>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    public MimecastIncidentFeed(IMimecastClientFactory clientFactory, IMimecastCheckpointStore checkpointStore, MimecastIncidentFeedOptions options)
        : this(CreateClient(clientFactory, options), checkpointStore, options)
    {
    }

    /// <summary>Gets the customer name (the key of the checkpoints; empty for the default client).</summary>
    public string CustomerName => _options.CustomerName;

    /// <summary>Gets a copy of the settings.</summary>
    public MimecastIncidentFeedOptions Options => _options.Clone();

    /// <summary>
    /// Polls once: fetches, per kind in <see cref="MimecastIncidentFeedOptions.Kinds"/>, the events new since the last
    /// committed checkpoint (at most <see cref="MimecastIncidentFeedOptions.MaxEventsPerPoll"/> per kind).
    /// </summary>
    /// <param name="cancellationToken">Cancels the poll; nothing is committed.</param>
    /// <returns>The batch; commit it once its events are processed. Polling again without committing returns the same events again (and makes the older batch stale).</returns>
    /// <exception cref="MimecastApiException">Mimecast failed (after the client's retries); nothing is committed.</exception>
    /// <exception cref="MimecastCheckpointException">The stored checkpoint could not be read.</exception>
    /// <exception cref="InvalidOperationException">Another poll or commit of this feed is running.</exception>
    public async Task<MimecastFeedBatch> PollAsync(CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_committed is null)
            {
                var snapshot = await _store.LoadAsync(CustomerName, cancellationToken).ConfigureAwait(false);
                _committed = snapshot.State ?? MimecastFeedState.Empty;
                _version = snapshot.Version;
            }

            var state = _committed;
            var baseVersion = _version;
            var events = new List<MimecastFeedEvent>();
            var hasMore = false;
            foreach (var kind in _kinds)
            {
                var result = await ReaderOf(kind).ReadAsync(kind, state.Get(kind), cancellationToken).ConfigureAwait(false);
                events.AddRange(result.Events);
                hasMore |= result.LimitReached;
                state = state.With(kind, result.Checkpoint);
            }

            return new MimecastFeedBatch(this, baseVersion, state, events, hasMore);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Polls until cancelled, every <see cref="MimecastIncidentFeedOptions.PollInterval"/> (measured with the
    /// <see cref="TimeProvider"/>; right away while <see cref="MimecastFeedBatch.HasMore"/>), and yields each batch
    /// that holds events. Commit each batch before asking for the next one: an uncommitted batch is polled again
    /// (after the interval). Batches without events are committed by the feed itself (they can only move the
    /// initial window start) and are not yielded.
    /// </summary>
    /// <param name="cancellationToken">Stops the loop with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="MimecastApiException">A poll failed; the loop ends and nothing uncommitted is stored.</exception>
    public async IAsyncEnumerable<MimecastFeedBatch> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await PollAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Events.Count == 0)
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                yield return batch;
            }

            if (!batch.HasMore || !batch.IsCommitted)
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal async Task CommitAsync(MimecastFeedBatch batch, MimecastCheckpointCommitter? committer, CancellationToken cancellationToken)
    {
        if (batch.IsCommitted)
        {
            return;
        }

        Enter();
        try
        {
            if (batch.IsCommitted)
            {
                return;
            }

            if (batch.BaseVersion != _version || _committed is null)
            {
                throw new InvalidOperationException(
                    "This batch is stale: another batch of the feed was committed after it was polled. Poll again to get the events not yet accepted.");
            }

            if (batch.Events.Count > 0 || !batch.NewState.SameAs(_committed))
            {
                try
                {
                    if (committer is null)
                    {
                        _version = await _store.CommitAsync(CustomerName, batch.BaseVersion, batch.NewState, batch.Events, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        _ = await committer(CustomerName, batch.BaseVersion, batch.NewState, batch.Events, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (MimecastCheckpointConflictException)
                {
                    // Another feed moved the checkpoint: forget what this one cached, so the next poll reloads it.
                    _committed = null;
                    _version = MimecastCheckpointVersion.None;
                    throw;
                }

                // After a committer, the caller's transaction decides: reload on the next poll.
                _committed = committer is null ? batch.NewState : null;
                _version = committer is null ? _version : MimecastCheckpointVersion.None;
            }

            batch.IsCommitted = true;
            if (batch.Events.Count > 0)
            {
                FeedLog.BatchCommitted(_logger, CustomerName, batch.Events.Count);
            }
            else
            {
                FeedLog.EmptyBatchCommitted(_logger, CustomerName);
            }
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException("A poll or commit of this Mimecast incident feed is already running: the feed is not thread-safe.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    private static IMimecastClient CreateClient(IMimecastClientFactory clientFactory, MimecastIncidentFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.CustomerName, nameof(options));
        return clientFactory.CreateClient(options.CustomerName);
    }

    private IFeedKindReader ReaderOf(MimecastFeedKind kind) => kind.Source switch
    {
        MimecastFeedSource.Ttp => _ttp,
        MimecastFeedSource.Audit => _audit,
        MimecastFeedSource.SiemStream => _siem,
        MimecastFeedSource.Held => _held,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feed source."),
    };
}
