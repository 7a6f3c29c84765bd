using Microsoft.Extensions.Options;
using Quartz.Extensibility;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// Quartz's thread pool for the shard jobs: one slot per shard, but it offers the scheduler only the slots within this
/// worker's fair share (<see cref="ShardOwnership"/>), so a worker that runs its share does not acquire more shards
/// (acquiring one only to hand it back would cost three Quartz transactions and a few seconds of the shard's polls).
/// A slot holds a shard run, which is async: it holds no thread while its polls wait for Mimecast.
/// </summary>
internal sealed class ShardThreadPool(ShardOwnership ownership, IOptionsMonitor<MimecastFeedClusterOptions> options) : IThreadPool
{
    private readonly int size = options.CurrentValue.ShardCount;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _drained;
    private int _running;
    private bool _isShutdown;

    public int PoolSize => size;

    public ValueTask Initialize(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<int> WaitForAvailableThreads(CancellationToken cancellationToken)
    {
        // Bounded: each round waits for a run to end or at most one check-in interval (the share changes as workers come and go).
        for (var round = 0; round < int.MaxValue && !cancellationToken.IsCancellationRequested; round++)
        {
            Task changed;
            int share;
            try
            {
                share = await ownership.FairShareAsync(refresh: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            lock (_gate)
            {
                if (_isShutdown)
                {
                    return 0;
                }

                var free = Math.Min(size, share) - _running;
                if (free > 0)
                {
                    return free;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(ownership.CheckinInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // look at the share again
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return 0;
    }

    public ValueTask<bool> TryRun(Func<ValueTask> runnable, CancellationToken cancellationToken) =>
        TryRunWithState(static state => ((Func<ValueTask>)state!)(), runnable, cancellationToken);

    public ValueTask<bool> TryRunWithState(Func<object?, ValueTask> runnable, object? state, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_isShutdown)
            {
                return ValueTask.FromResult(false);
            }

            _running++;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await runnable(state).ConfigureAwait(false);
            }
            finally
            {
                Completed();
            }
        }, CancellationToken.None);
        return ValueTask.FromResult(true);
    }

    public async ValueTask Shutdown(bool waitForJobsToComplete, CancellationToken cancellationToken)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _isShutdown = true;
            changed = _changed;
        }

        changed.TrySetResult();
        if (waitForJobsToComplete)
        {
            await Drain(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<bool> Drain(CancellationToken cancellationToken)
    {
        Task drained;
        lock (_gate)
        {
            if (_running == 0)
            {
                return true;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private void Completed()
    {
        TaskCompletionSource changed;
        TaskCompletionSource? drained = null;
        lock (_gate)
        {
            _running--;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        changed.TrySetResult();
        drained?.TrySetResult();
    }
}
