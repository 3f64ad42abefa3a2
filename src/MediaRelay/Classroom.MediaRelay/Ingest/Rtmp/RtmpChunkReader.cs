using System.Buffers.Binary;

namespace Classroom.MediaRelay.Ingest.Rtmp;

/// <summary>
/// Reassembles RTMP messages from chunks (RTMP 1.0 §5.3): basic header with 1–3 byte chunk stream
/// id, message header of type 0–3 with deltas against the chunk stream's last header, extended
/// timestamps, Set Chunk Size and Abort applied here. Every size is bounded: a message longer than
/// <see cref="MaxMessageBytes"/>, a chunk size above 1 MiB or more than 64 live chunk streams ends
/// the connection (<see cref="InvalidDataException"/>).
/// </summary>
internal sealed class RtmpChunkReader(Stream input)
{
    private const int MaxChunkStreams = 64;
    private const int MaxChunkSize = 1 << 20;
    private readonly Dictionary<uint, ChunkStream> _streams = [];
    private readonly byte[] _header = new byte[16];
    private int _chunkSize = 128;

    /// <summary>Largest message accepted; the front raises it once the publisher is authenticated.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Bytes read so far (for acknowledgements, RTMP §5.4.3).</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next complete message, or null when the peer closed the connection between chunks.</summary>
    public async Task<RtmpMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await FillAsync(1, cancellationToken).ConfigureAwait(false)) return null;
            var fmt = _header[0] >> 6;
            uint csid = (uint)(_header[0] & 0x3F);
            if (csid == 0)
            {
                await NeedAsync(1, cancellationToken).ConfigureAwait(false);
                csid = 64u + _header[0];
            }
            else if (csid == 1)
            {
                await NeedAsync(2, cancellationToken).ConfigureAwait(false);
                csid = 64u + _header[0] + (uint)(_header[1] << 8);
            }

            if (!_streams.TryGetValue(csid, out var stream))
            {
                if (fmt != 0 || _streams.Count >= MaxChunkStreams) throw new InvalidDataException($"RTMP chunk stream {csid} starts without a full header");
                stream = new ChunkStream();
                _streams[csid] = stream;
            }

            if (fmt <= 2)
            {
                var length = fmt switch { 0 => 11, 1 => 7, _ => 3 };
                await NeedAsync(length, cancellationToken).ConfigureAwait(false);
                var stamp = ReadUInt24(_header);
                if (fmt <= 1)
                {
                    stream.Length = (int)ReadUInt24(_header.AsSpan(3));
                    stream.Type = _header[6];
                    if (fmt == 0) stream.StreamId = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(7));
                }

                stream.Extended = stamp == 0xFFFFFF;
                if (stream.Extended)
                {
                    await NeedAsync(4, cancellationToken).ConfigureAwait(false);
                    stamp = BinaryPrimitives.ReadUInt32BigEndian(_header);
                }

                if (stream.Filled > 0) throw new InvalidDataException("RTMP message header inside an unfinished message");
                // A type-0 field also becomes the delta a following type-3 message adds (as ffmpeg and librtmp write them).
                stream.Delta = stamp;
                stream.Timestamp = fmt == 0 ? stamp : stream.Timestamp + stamp;
            }
            else
            {
                if (stream.Extended) await NeedAsync(4, cancellationToken).ConfigureAwait(false); // repeated on type 3 chunks
                if (stream.Filled == 0) stream.Timestamp += stream.Delta; // a new message with the last header
            }

            if (stream.Length > MaxMessageBytes) throw new InvalidDataException($"RTMP message of {stream.Length} bytes is over the limit of {MaxMessageBytes}");
            if (stream.Filled == 0) stream.Body = new byte[stream.Length];
            var take = Math.Min(_chunkSize, stream.Length - stream.Filled);
            await ReadExactlyAsync(stream.Body.AsMemory(stream.Filled, take), cancellationToken).ConfigureAwait(false);
            stream.Filled += take;
            if (stream.Filled < stream.Length) continue;

            stream.Filled = 0;
            var message = new RtmpMessage(stream.Type, stream.StreamId, stream.Timestamp, stream.Body);
            if (message.Type == RtmpMessageType.SetChunkSize && message.Body.Length >= 4)
            {
                var size = (int)(BinaryPrimitives.ReadUInt32BigEndian(message.Body) & 0x7FFFFFFF);
                if (size < 1 || size > MaxChunkSize) throw new InvalidDataException($"RTMP chunk size {size} is out of bounds");
                _chunkSize = size;
                continue;
            }

            if (message.Type == RtmpMessageType.Abort && message.Body.Length >= 4)
            {
                if (_streams.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(message.Body), out var aborted)) aborted.Filled = 0;
                continue;
            }

            return message;
        }
    }

    private static uint ReadUInt24(ReadOnlySpan<byte> b) => (uint)(b[0] << 16 | b[1] << 8 | b[2]);

    /// <summary>Reads <paramref name="count"/> header bytes into the start of the header buffer; false on a clean end of stream.</summary>
    private async Task<bool> FillAsync(int count, CancellationToken ct)
    {
        var read = await input.ReadAtLeastAsync(_header.AsMemory(0, count), count, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        BytesRead += read;
        return read == count;
    }

    private async Task NeedAsync(int count, CancellationToken ct)
    {
        if (!await FillAsync(count, ct).ConfigureAwait(false)) throw new EndOfStreamException("RTMP connection closed inside a chunk");
    }

    private async Task ReadExactlyAsync(Memory<byte> target, CancellationToken ct)
    {
        await input.ReadExactlyAsync(target, ct).ConfigureAwait(false);
        BytesRead += target.Length;
    }

    private sealed class ChunkStream
    {
        public uint Timestamp;
        public uint Delta;
        public int Length;
        public byte Type;
        public uint StreamId;
        public bool Extended;
        public byte[] Body = [];
        public int Filled;
    }
}
