using System.Buffers;
using System.Threading.Channels;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// The buffers between a file's parser and the consumer, and the stream that checks a gzip file's trailer.
internal sealed partial class SiemBatchReader
{
    /// <summary>Collects one file's events into chunks and hands each full chunk to the file's channel.</summary>
    private sealed class EventChunks(ChannelWriter<ArraySegment<SiemEvent>> writer)
    {
        private SiemEvent[] _items = new SiemEvent[EventsPerChunk];
        private int _count;

        internal ValueTask AddAsync(SiemEvent item, CancellationToken cancellationToken)
        {
            _items[_count++] = item;
            return _count == _items.Length ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
        }

        internal ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            if (_count == 0)
            {
                return ValueTask.CompletedTask;
            }

            var chunk = new ArraySegment<SiemEvent>(_items, 0, _count);
            _items = new SiemEvent[EventsPerChunk];
            _count = 0;
            return writer.TryWrite(chunk) ? ValueTask.CompletedTask : writer.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Passes a compressed stream through, remembering its last 8 bytes: the gzip trailer (CRC32, ISIZE).</summary>
    private sealed class TrailerTrackingStream(Stream inner) : Stream
    {
        private readonly byte[] _tail = new byte[8];
        private long _total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _total; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Track(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Track(buffer.AsSpan(offset, read));
            return read;
        }

        internal async Task DrainAsync(CancellationToken cancellationToken)
        {
            var scratch = new byte[512];
            for (var i = 0; i < 1024 && await ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0; i++)
            {
            }
        }

        /// <summary>Whether the trailer's ISIZE equals the decompressed length modulo 2^32 (a single gzip member).</summary>
        internal bool MatchesTrailer(long decompressed) =>
            _total >= 18 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_tail.AsSpan(4)) == (uint)decompressed;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Track(ReadOnlySpan<byte> data)
        {
            if (data.Length >= 8)
            {
                data[^8..].CopyTo(_tail);
            }
            else if (data.Length > 0)
            {
                _tail.AsSpan(data.Length).CopyTo(_tail);
                data.CopyTo(_tail.AsSpan(8 - data.Length));
            }

            _total += data.Length;
        }
    }
}
