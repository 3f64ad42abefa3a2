namespace Classroom.LoadTool.Stream;

/// <summary>
/// Just enough VP8 RTP payload shape (RFC 7741) for a relay to see frames and keyframes: the
/// one-byte payload descriptor (§4.2, X=0, S marks a partition start, PID 0) and, at a frame's
/// start, the VP8 frame tag (RFC 6386 §9.1: bit 0 of the first byte is 0 for a keyframe,
/// show_frame set) followed for keyframes by the start code 9d 01 2a and the size.
/// </summary>
public static class Vp8Payload
{
    public const int DescriptorLength = 1;
    public const int InterHeaderLength = 3;
    public const int KeyHeaderLength = 10;
    private const byte StartOfPartition = 0x10;

    /// <summary>Writes descriptor and (at frame start) frame header; returns the bytes written.</summary>
    public static int WriteHeader(Span<byte> payload, bool frameStart, bool keyframe, int width, int height)
    {
        payload[0] = frameStart ? StartOfPartition : (byte)0;
        if (!frameStart) return DescriptorLength;
        // Frame tag: key bit (0 = key), version 0, show_frame 1, first partition size left 0.
        payload[1] = (byte)((keyframe ? 0 : 1) | 0x10);
        payload[2] = 0;
        payload[3] = 0;
        if (!keyframe) return DescriptorLength + InterHeaderLength;
        payload[4] = 0x9d;
        payload[5] = 0x01;
        payload[6] = 0x2a;
        payload[7] = (byte)width;
        payload[8] = (byte)((width >> 8) & 0x3f);
        payload[9] = (byte)height;
        payload[10] = (byte)((height >> 8) & 0x3f);
        return DescriptorLength + KeyHeaderLength;
    }

    /// <summary>True for the first packet of a VP8 keyframe (RFC 7741 §4.3: S=1, PID=0, then P=0).</summary>
    public static bool IsKeyframeStart(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty) return false;
        var descriptor = payload[0];
        var offset = 1;
        if ((descriptor & 0x80) != 0)
        {
            // Extended control bits (§4.2): I (picture id, 1 or 2 bytes), L, T/K.
            if (payload.Length < 2) return false;
            var x = payload[1];
            offset = 2;
            if ((x & 0x80) != 0) offset += payload.Length > offset && (payload[offset] & 0x80) != 0 ? 2 : 1;
            if ((x & 0x40) != 0) offset++;
            if ((x & 0x30) != 0) offset++;
        }

        return (descriptor & 0x10) != 0 && (descriptor & 0x07) == 0 && payload.Length > offset && (payload[offset] & 0x01) == 0;
    }
}
