using System.Diagnostics;

namespace Mimecast.Sdk.Benchmarks.Shared;

/// <summary>
/// Samples this process's working set and GC heap every 10 ms until stopped; the peaks of a memory child process
/// (figures 6 and 10b).
/// </summary>
internal sealed class PeakMemorySampler
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _sampling;
    private long _peakWorkingSet;
    private long _peakHeap;

    private PeakMemorySampler(CancellationToken budget)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(budget);
        _sampling = Task.Run(SampleAsync, CancellationToken.None);
    }

    public static PeakMemorySampler Start(CancellationToken budget) => new(budget);

    /// <summary>Stops sampling; the peaks include the OS's own peak working set and a last heap reading.</summary>
    public async Task<(long PeakWorkingSet, long PeakHeap)> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return (Math.Max(_peakWorkingSet, self.PeakWorkingSet64), Math.Max(_peakHeap, GC.GetTotalMemory(false)));
    }

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                process.Refresh();
                _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
                _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false));
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling stops with the measured work.
        }
    }
}
