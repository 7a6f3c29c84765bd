namespace Mimecast.Sdk.Testing;

/// <content>The API 2.0 log sources: SIEM events, SIEM batch files and audit events.</content>
public sealed partial class MimecastSimulator
{
    /// <summary>Generates SIEM events of one type (seeded, deterministic), received now on the simulator clock.</summary>
    /// <param name="type">The event type, e.g. <see cref="SimulatorSiemEventTypes.Receipt"/> (any string).</param>
    /// <param name="count">How many.</param>
    /// <param name="at">When they happened (all share it, to the millisecond); null = now. An older time makes them late: they join the stream after every cursor already past that time, and the batch file of the window they are received in.</param>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The events added, with their sequence numbers.</returns>
    public IReadOnlyList<SimulatorSiemEvent> AddSiemEvents(string type, int count, DateTimeOffset? at = null, string? accountEmail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return _operations.Records.Of<SimulatorSiemEvent>().Add(count, at, type, accountEmail);
    }

    /// <summary>
    /// Adds bulk batch files of one type, for throughput and memory tests: each holds generated events until its NDJSON
    /// reaches <paramref name="uncompressedBytesPerFile"/> and is listed in the newest ended 15-minute window, after
    /// every file published so far. Their events are not in the stream. The gzip files are built here, once.
    /// </summary>
    /// <param name="type">The event type.</param>
    /// <param name="count">How many files.</param>
    /// <param name="uncompressedBytesPerFile">The NDJSON size of each file (at least one event).</param>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The files added.</returns>
    public IReadOnlyList<SimulatorSiemBatchFile> AddSiemBatchFiles(string type, int count, long uncompressedBytesPerFile, string? accountEmail = null)
    {
        return _operations.AddSiemBatchFiles(type, count, uncompressedBytesPerFile, accountEmail);
    }

    /// <summary>Every batch file published for an account so far (windows that have ended on the simulator clock), in publication order.</summary>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<SimulatorSiemBatchFile> GetSiemBatchFiles(string? accountEmail = null)
    {
        SiemFile[] files;
        lock (_core.Gate)
        {
            SiemAccountState s = _siem.Resolve(accountEmail);
            s.Publish(_core.Settings.Time.GetUtcNow(), _siem.Settings.FileInterval);
            files = s.Published.ToArray();
        }

        return files.Select(f => f.Describe()).ToArray();
    }
}
