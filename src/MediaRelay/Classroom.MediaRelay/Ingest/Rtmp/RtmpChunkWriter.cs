using System.Buffers.Binary;

namespace Classroom.MediaRelay.Ingest.Rtmp;

/// <summary>
/// Writes the few messages the ingest front sends (protocol control, command results, status):
/// a type-0 chunk header, then type-3 continuation chunks at the writer's chunk size (RTMP §5.3.1).
/// Timestamps are 0: none of these messages carry media time.
/// </summary>
internal sealed class RtmpChunkWriter(Stream output)
{
    public const int ChunkSize = 4096;
    private int _chunkSize = 128;

    /// <summary>Tells the peer our chunk size (RTMP §5.4.1) and uses it from then on.</summary>
    public async Task SetChunkSizeAsync(CancellationToken ct)
    {
        var body = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(body, ChunkSize);
        await WriteAsync(2, RtmpMessageType.SetChunkSize, 0, body, ct).ConfigureAwait(false);
        _chunkSize = ChunkSize;
    }

    public Task WriteControlAsync(byte type, uint value, CancellationToken ct, byte? extra = null)
    {
        var body = new byte[extra is null ? 4 : 5];
        BinaryPrimitives.WriteUInt32BigEndian(body, value);
        if (extra is { } limitType) body[4] = limitType;
        return WriteAsync(2, type, 0, body, ct);
    }

    public Task WriteCommandAsync(uint streamId, byte[] amf, CancellationToken ct) => WriteAsync(3, RtmpMessageType.CommandAmf0, streamId, amf, ct);

    private async Task WriteAsync(byte csid, byte type, uint streamId, byte[] body, CancellationToken ct)
    {
        using var buffer = new MemoryStream(body.Length + 16 + body.Length / _chunkSize);
        var header = new byte[12];
        header[0] = csid; // fmt 0
        header[4] = (byte)(body.Length >> 16);
        header[5] = (byte)(body.Length >> 8);
        header[6] = (byte)body.Length;
        header[7] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), streamId);
        buffer.Write(header);
        for (var offset = 0; offset < body.Length; offset += _chunkSize)
        {
            if (offset > 0) buffer.WriteByte((byte)(0xC0 | csid)); // fmt 3 continuation
            buffer.Write(body, offset, Math.Min(_chunkSize, body.Length - offset));
        }

        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }
}
