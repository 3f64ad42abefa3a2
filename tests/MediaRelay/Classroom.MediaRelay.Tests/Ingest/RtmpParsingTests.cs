using System.Buffers.Binary;
using System.Text;
using Classroom.MediaRelay.Ingest;
using Classroom.MediaRelay.Ingest.Rtmp;

namespace Classroom.MediaRelay.Tests.Ingest;

/// <summary>The bounded readers of the ingest fronts: AMF0 values, RTMP chunk reassembly, the SRT stream id.</summary>
public sealed class RtmpParsingTests
{
    [Fact]
    public void Amf0_values_round_trip_and_short_input_is_refused()
    {
        var bytes = Amf0.Write("publish", 5.0, null, "KEY", new Dictionary<string, object?> { ["app"] = "live", ["n"] = 1.5, ["ok"] = true });
        Assert.True(Amf0.TryReadAll(bytes, out var values));
        Assert.Equal("publish", values[0]);
        Assert.Equal(5.0, values[1]);
        Assert.Null(values[2]);
        Assert.Equal("KEY", values[3]);
        var o = Assert.IsType<Dictionary<string, object?>>(values[4]);
        Assert.Equal("live", o["app"]);
        Assert.Equal(1.5, o["n"]);
        Assert.Equal(true, o["ok"]);
        // A cut inside a value is refused; a cut between values reads fewer of them, never a made-up one.
        for (var cut = 1; cut < bytes.Length; cut++)
            Assert.True(!Amf0.TryReadAll(bytes.AsSpan(0, cut), out var partial) || partial.Count < 5, $"cut at {cut}");
        for (var cut = 1; cut < 10; cut++) Assert.False(Amf0.TryReadAll(bytes.AsSpan(0, cut), out _), $"cut at {cut} inside \"publish\"");
        Assert.False(Amf0.TryReadAll([0x11, 0, 0], out _)); // AMF3 switch: not read
    }

    [Fact]
    public void Amf0_nesting_is_bounded()
    {
        var deep = new List<byte>();
        for (var i = 0; i < 20; i++) deep.AddRange([0x03, 0x00, 0x01, (byte)'a']); // object { a: object { a: … } }
        Assert.False(Amf0.TryReadAll(deep.ToArray(), out _));
    }

    [Fact]
    public async Task A_message_split_over_chunks_with_a_new_chunk_size_and_an_extended_timestamp_is_reassembled()
    {
        var body = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var wire = new MemoryStream();
        // Set Chunk Size 200 on chunk stream 2.
        wire.Write([0x02, 0, 0, 0, 0, 0, 4, RtmpMessageType.SetChunkSize, 0, 0, 0, 0]);
        wire.Write([0, 0, 0, 200]);
        // Video message of 300 bytes on chunk stream 6 at timestamp 0x01000000 (extended), stream 1: 200 + 100 bytes.
        wire.Write([0x06, 0xFF, 0xFF, 0xFF, 0, 0x01, 0x2C, RtmpMessageType.Video, 1, 0, 0, 0, 0x01, 0, 0, 0]);
        wire.Write(body, 0, 200);
        wire.Write([0xC6, 0x01, 0, 0, 0]); // type 3 continuation repeats the extended timestamp
        wire.Write(body, 200, 100);
        // The next message with a type-2 header: delta 40.
        wire.Write([0x86, 0, 0, 40]);
        wire.Write(body, 0, 200);
        wire.Write([0xC6]);
        wire.Write(body, 200, 100);
        wire.Position = 0;

        var reader = new RtmpChunkReader(wire) { MaxMessageBytes = 1000 };
        var first = await reader.ReadAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(RtmpMessageType.Video, first.Type);
        Assert.Equal(1u, first.StreamId);
        Assert.Equal(0x01000000u, first.Timestamp);
        Assert.Equal(body, first.Body);
        var second = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(0x01000000u + 40, second!.Timestamp);
        Assert.Equal(body, second.Body);
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(wire.Length, reader.BytesRead);
    }

    [Fact]
    public async Task A_message_over_the_limit_or_a_chunk_stream_without_a_header_ends_the_connection()
    {
        var big = new MemoryStream([0x03, 0, 0, 0, 0x10, 0, 0, RtmpMessageType.CommandAmf0, 0, 0, 0, 0]); // 1 MiB command
        await Assert.ThrowsAsync<InvalidDataException>(() => new RtmpChunkReader(big).ReadAsync(CancellationToken.None));
        var headless = new MemoryStream([0xC7, 1, 2, 3]);
        await Assert.ThrowsAsync<InvalidDataException>(() => new RtmpChunkReader(headless).ReadAsync(CancellationToken.None));
    }

    [Fact]
    public void The_srt_stream_id_is_read_from_its_byte_swapped_words()
    {
        const string key = "0123456789abcdef0123456789abcdeX"; // 32 bytes: 8 words
        var packet = new byte[SrtHandshake.MinLength + 4 + 8 + 4 + 32];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(36), SrtHandshake.Conclusion);
        var at = SrtHandshake.MinLength;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), 1); // HSREQ, 2 words, skipped
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at + 2), 2);
        at += 4 + 8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), SrtHandshake.StreamIdExtension);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at + 2), 8);
        var text = Encoding.ASCII.GetBytes(key);
        for (var i = 0; i < 32; i += 4) text.AsSpan(i, 4).Reverse();
        text.CopyTo(packet, at + 4);

        Assert.True(SrtHandshake.IsHandshake(packet));
        Assert.True(SrtHandshake.TryStreamId(packet, out var id));
        Assert.Equal(key, id);
        Assert.False(SrtHandshake.TryStreamId(packet.AsSpan(0, packet.Length - 4), out _)); // extension longer than the packet
    }

    [Fact]
    public void An_encoders_unpublish_and_delete_stream_end_the_lesson_other_commands_do_not()
    {
        Assert.True(IngestBridge.IsUnpublish(Amf0.Write("FCUnpublish", 5.0, null, "KEY")));
        Assert.True(IngestBridge.IsUnpublish(Amf0.Write("deleteStream", 6.0, null, 1.0)));
        Assert.False(IngestBridge.IsUnpublish(Amf0.Write("publish", 5.0, null, "KEY", "live")));
        Assert.False(IngestBridge.IsUnpublish(Amf0.Write("@setDataFrame", "onMetaData")));
        Assert.False(IngestBridge.IsUnpublish([0x02, 0x00])); // truncated: not read, not an end
    }
}
