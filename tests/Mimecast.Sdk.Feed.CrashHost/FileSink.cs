using System.Text;

namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>
/// An append-only file of <see cref="SinkRecord"/> lines shared by every host process of a test run. Each line goes
/// to the file in one unbuffered write (a killed process leaves whole lines only) and the batch is flushed to disk
/// (fsync) before <see cref="AppendAsync"/> returns, so what the sink acknowledged survives the crash.
/// </summary>
internal sealed class FileSink : IDisposable
{
    private readonly FileStream _stream;

    public FileSink(string path)
    {
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>Appends the records; prints <see cref="Markers.DeliverMid"/> after the first half.</summary>
    public async Task AppendAsync(IReadOnlyList<SinkRecord> records, string customer, string tag, CancellationToken cancellationToken)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (i == records.Count / 2)
            {
                Markers.Write(Markers.DeliverMid, customer, tag, i);
            }

            await _stream.WriteAsync(Encoding.UTF8.GetBytes(records[i].ToLine()), cancellationToken).ConfigureAwait(false);
        }

        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}
