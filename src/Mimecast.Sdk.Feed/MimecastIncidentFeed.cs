using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Fetches the Targeted Threat Protection incidents of one customer that are new since the last accepted poll: URL
/// clicks, attachment scans and impersonation detections, as one typed stream of <see cref="MimecastFeedEvent"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Delivery contract.</b> <see cref="PollAsync"/> returns every event that is new since the last
/// <em>committed</em> batch, and the checkpoint advances only when the caller commits the batch
/// (<see cref="MimecastFeedBatch.CommitAsync"/>): an event is delivered to the caller at least once (again after a
/// crash, a cancellation, a failure or a batch not committed) and the feed itself never delivers a committed event
/// twice nor skips one. A poll cut off by an exception or cancellation commits nothing.
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
    private readonly IMimecastClient _client;
    private readonly IMimecastCheckpointStore _store;
    private readonly MimecastIncidentFeedOptions _options;
    private readonly IReadOnlyList<TtpEventKind> _kinds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FeedTelemetry _telemetry;
    private MimecastFeedState? _committed;
    private MimecastCheckpointVersion _version;
    private int _busy;

    /// <summary>Creates a feed over a client. Checkpoints are keyed by <see cref="MimecastIncidentFeedOptions.CustomerName"/>, not by the client's name.</summary>
    /// <param name="client">The customer's client.</param>
    /// <param name="checkpointStore">Where checkpoints are kept, under <see cref="MimecastIncidentFeedOptions.CustomerName"/>.</param>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="meterFactory">Creates the feed's <c>Mimecast.Sdk.Feed</c> meter (counters <c>mimecast.feed.late_events</c> and <c>mimecast.feed.events_beyond_window</c>, tagged with customer and kind); a private meter when <see langword="null"/>.</param>
    public MimecastIncidentFeed(IMimecastClient client, IMimecastCheckpointStore checkpointStore, MimecastIncidentFeedOptions options,
        TimeProvider? timeProvider = null, ILogger? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(checkpointStore);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        _client = client;
        _store = checkpointStore;
        _kinds = _options.Kinds.ToKindList();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _telemetry = new FeedTelemetry(meterFactory);
    }

    /// <summary>Creates a feed over the client named <see cref="MimecastIncidentFeedOptions.CustomerName"/>.</summary>
    /// <param name="clientFactory">The factory of customer clients.</param>
    /// <param name="checkpointStore">Where checkpoints are kept.</param>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="meterFactory">Creates the feed's <c>Mimecast.Sdk.Feed</c> meter (counters <c>mimecast.feed.late_events</c> and <c>mimecast.feed.events_beyond_window</c>, tagged with customer and kind); a private meter when <see langword="null"/>.</param>
    public MimecastIncidentFeed(IMimecastClientFactory clientFactory, IMimecastCheckpointStore checkpointStore, MimecastIncidentFeedOptions options,
        TimeProvider? timeProvider = null, ILogger? logger = null, IMeterFactory? meterFactory = null)
        : this(CreateClient(clientFactory, options), checkpointStore, options, timeProvider, logger, meterFactory)
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
                var result = await PollKindAsync(kind, state.Get(kind), cancellationToken).ConfigureAwait(false);
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

    internal async Task CommitAsync(MimecastFeedBatch batch, CancellationToken cancellationToken)
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
                    _version = await _store.CommitAsync(CustomerName, batch.BaseVersion, batch.NewState, batch.Events, cancellationToken).ConfigureAwait(false);
                }
                catch (MimecastCheckpointConflictException)
                {
                    // Another feed moved the checkpoint: forget what this one cached, so the next poll reloads it.
                    _committed = null;
                    _version = MimecastCheckpointVersion.None;
                    throw;
                }

                _committed = batch.NewState;
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

    private Task<KindResult> PollKindAsync(TtpEventKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var from = checkpoint?.Time ?? MimecastFeedCheckpoint.TruncateToSecond(_time.GetUtcNow() - _options.InitialLookback);
        if (checkpoint is null)
        {
            FeedLog.FreshStart(_logger, CustomerName, kind, from, _options.InitialLookback);
        }

        var customer = CustomerName;
        var pageSize = _options.PageSize;
        return kind switch
        {
            TtpEventKind.Url => ReadAsync(
                kind, from, checkpoint,
                (token, ct) => _client.GetTtpUrlLogsPageAsync(new TtpUrlLogQuery { From = from, OldestFirst = true, PageSize = pageSize }, token, ct),
                static log => log.Date,
                static _ => null,
                FeedEventIdentity.UrlKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForUrl(customer, id, time, log, estimated),
                cancellationToken),
            TtpEventKind.Attachment => ReadAsync(
                kind, from, checkpoint,
                (token, ct) => _client.GetTtpAttachmentLogsPageAsync(new TtpAttachmentLogQuery { From = from, OldestFirst = true, PageSize = pageSize }, token, ct),
                static log => log.Date,
                static _ => null,
                FeedEventIdentity.AttachmentKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForAttachment(customer, id, time, log, estimated),
                cancellationToken),
            _ => ReadAsync(
                kind, from, checkpoint,
                (token, ct) => _client.GetTtpImpersonationLogsPageAsync(new TtpImpersonationLogQuery { From = from, OldestFirst = true, PageSize = pageSize }, token, ct),
                static log => log.EventTime,
                static log => string.IsNullOrEmpty(log.Id) ? null : log.Id,
                FeedEventIdentity.ImpersonationKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForImpersonation(customer, id, time, log, estimated),
                cancellationToken),
        };
    }

    private async Task<KindResult> ReadAsync<T>(
        TtpEventKind kind,
        DateTimeOffset from,
        MimecastFeedCheckpoint? checkpoint,
        Func<string?, CancellationToken, Task<MimecastPage<T>>> fetchPage,
        Func<T, DateTimeOffset?> timeOf,
        Func<T, string?> naturalIdOf,
        Func<T, string> contentKeyOf,
        Func<T, string, DateTimeOffset, bool, MimecastFeedEvent> createEvent,
        CancellationToken cancellationToken)
        where T : class
    {
        // The window starts at `from` (the checkpoint's Time); every record from there on that is not in `delivered`
        // is new, however late Mimecast published it. `newest` is the second of the newest event delivered so far.
        var delivered = new Dictionary<string, DateTimeOffset>(checkpoint?.Delivered ?? new Dictionary<string, DateTimeOffset>(), StringComparer.Ordinal);
        var newest = delivered.Count == 0 ? from : delivered.Values.Max();
        var position = from;
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<MimecastFeedEvent>();
        var limitReached = false;
        var late = 0;
        await foreach (var record in FeedPaging.StreamAsync(fetchPage, cancellationToken).ConfigureAwait(false))
        {
            if (record is null)
            {
                continue;
            }

            var reported = timeOf(record);
            var estimated = reported is null;
            var second = reported is { } t ? MimecastFeedCheckpoint.TruncateToSecond(t) : position;
            if (second < from)
            {
                // Behind the window: its identity is no longer remembered, so it cannot be told apart from an event
                // delivered long ago. Counted and logged, never silently dropped.
                _telemetry.RecordBeyondWindow(CustomerName, kind);
                FeedLog.RecordBeyondWindow(_logger, CustomerName, kind, second, from);
                continue;
            }

            position = second > position ? second : position;
            var id = naturalIdOf(record);
            if (id is null)
            {
                // The content key includes the record's full time, so equal keys are records identical within one second.
                var key = contentKeyOf(record);
                var n = occurrences.GetValueOrDefault(key) + 1;
                occurrences[key] = n;
                id = string.Concat(key, "#", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (delivered.ContainsKey(id))
            {
                continue;
            }

            if (events.Count >= _options.MaxEventsPerPoll)
            {
                limitReached = true;
                break;
            }

            if (estimated)
            {
                FeedLog.RecordWithoutTime(_logger, CustomerName, kind, position);
            }

            if (second < newest)
            {
                late++;
            }

            delivered[id] = second;
            newest = second > newest ? second : newest;
            events.Add(createEvent(record, id, reported ?? position, estimated));
        }

        // The window moves to OverlapWindow behind the newest delivered event (never backwards); identities behind it are pruned.
        var windowStart = newest - _options.OverlapWindow;
        windowStart = MimecastFeedCheckpoint.TruncateToSecond(windowStart > from ? windowStart : from);
        foreach (var (id, second) in delivered)
        {
            if (second < windowStart)
            {
                delivered.Remove(id);
            }
        }

        if (late > 0)
        {
            _telemetry.RecordLateDelivered(CustomerName, kind, late);
        }

        FeedLog.KindPolled(_logger, CustomerName, kind, events.Count, from, limitReached);
        return new KindResult(events, new MimecastFeedCheckpoint(windowStart, delivered), limitReached);
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

    private sealed record KindResult(IReadOnlyList<MimecastFeedEvent> Events, MimecastFeedCheckpoint Checkpoint, bool LimitReached);
}
