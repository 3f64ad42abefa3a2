namespace Classroom.MediaRelay.Rooms;

/// <summary>Says whether an RTP payload starts a keyframe, for VP8 and H.264 (the codecs the relay forwards).</summary>
internal static class KeyframeDetector
{
    public static bool IsKeyframeStart(CodecKind codec, ReadOnlySpan<byte> payload) => codec switch
    {
        CodecKind.Vp8 => IsVp8KeyframeStart(payload),
        CodecKind.H264 => IsH264KeyframeStart(payload),
        _ => false,
    };

    /// <summary>
    /// RFC 7741 §4.2: payload descriptor X|R|N|S|R|PID, optional extension bytes (I, L, T/K);
    /// the frame starts where S = 1 and PID = 0; §4.3: the first payload-header bit P = 0 marks a
    /// key frame.
    /// </summary>
    private static bool IsVp8KeyframeStart(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 1) return false;
        var first = payload[0];
        if ((first & 0x10) == 0 || (first & 0x07) != 0) return false; // not the start of partition 0
        var offset = 1;
        if ((first & 0x80) != 0)
        {
            if (payload.Length < 2) return false;
            var ext = payload[1];
            offset = 2;
            if ((ext & 0x80) != 0) offset += payload.Length > offset && (payload[offset] & 0x80) != 0 ? 2 : 1; // PictureID, 7 or 15 bits
            if ((ext & 0x40) != 0) offset++; // TL0PICIDX
            if ((ext & 0x30) != 0) offset++; // TID/KEYIDX
        }

        return payload.Length > offset && (payload[offset] & 0x01) == 0;
    }

    /// <summary>
    /// RFC 6184 §5: an IDR slice (NAL type 5) or SPS (7) in a single NAL unit, inside a STAP-A
    /// (24, §5.7.1), or at the start of an FU-A (28, §5.8, S bit set).
    /// </summary>
    private static bool IsH264KeyframeStart(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2) return false;
        var type = payload[0] & 0x1F;
        switch (type)
        {
            case 5 or 7:
                return true;
            case 28:
                return (payload[1] & 0x80) != 0 && (payload[1] & 0x1F) is 5 or 7;
            case 24:
                for (var offset = 1; offset + 3 <= payload.Length;)
                {
                    var size = (payload[offset] << 8) | payload[offset + 1];
                    if (size == 0 || offset + 2 + size > payload.Length) return false;
                    if ((payload[offset + 2] & 0x1F) is 5 or 7) return true;
                    offset += 2 + size;
                }

                return false;
            default:
                return false;
        }
    }
}

/// <summary>The video codecs whose keyframes the relay recognises.</summary>
internal enum CodecKind
{
    Other,
    Vp8,
    H264,
}
