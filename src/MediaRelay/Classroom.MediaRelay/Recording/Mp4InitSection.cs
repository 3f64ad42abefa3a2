using System.Buffers.Binary;
using System.Globalization;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// What an fMP4 initialization section says about its tracks, for HLS <c>CODECS</c> and
/// <c>RESOLUTION</c> (RFC 8216 §4.3.4.2; codec strings per RFC 6381 §3.3 and ISO/IEC 14496-15):
/// the H.264 sample entry's size and <c>avcC</c> profile/compatibility/level, and whether an AAC
/// (<c>mp4a</c>) track is there with its audio object type.
/// Boxes walked: moov → trak → mdia → minf → stbl → stsd → avc1|avc3 (avcC) | mp4a (esds).
/// </summary>
internal readonly record struct Mp4InitSection(string? VideoCodec, int? Width, int? Height, string? AudioCodec)
{
    /// <summary>"avc1.42e01f,mp4a.40.2" (video first), or null when neither was found.</summary>
    public string? Codecs => (VideoCodec, AudioCodec) switch
    {
        (null, null) => null,
        ({ } v, null) => v,
        (null, { } a) => a,
        ({ } v, { } a) => v + "," + a,
    };

    /// <summary>Reads an init section (at most 1 MiB); short or malformed input gives what was found so far.</summary>
    public static Mp4InitSection Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length > 1024 * 1024) return default;
        var result = new Mp4InitSection();
        Walk(File.ReadAllBytes(path), ref result);
        return result;
    }

    public static Mp4InitSection Parse(ReadOnlySpan<byte> data)
    {
        var result = new Mp4InitSection();
        Walk(data, ref result);
        return result;
    }

    private static void Walk(ReadOnlySpan<byte> data, ref Mp4InitSection result)
    {
        while (TryReadBox(ref data, out var type, out var payload))
        {
            switch (type)
            {
                case "moov" or "trak" or "mdia" or "minf" or "stbl":
                    Walk(payload, ref result);
                    break;
                case "stsd" when payload.Length >= 8:
                    Walk(payload[8..], ref result); // version/flags, entry_count
                    break;
                case "avc1" or "avc3" when payload.Length >= 78:
                    // VisualSampleEntry (ISO/IEC 14496-12 §12.1.3): 6 reserved, data_reference_index, 16 predefined/reserved, width, height …, 78 bytes before its boxes
                    result = result with { Width = BinaryPrimitives.ReadUInt16BigEndian(payload[24..]), Height = BinaryPrimitives.ReadUInt16BigEndian(payload[26..]) };
                    var boxes = payload[78..];
                    while (TryReadBox(ref boxes, out var child, out var config))
                    {
                        if (child == "avcC" && config.Length >= 4)
                            result = result with { VideoCodec = string.Create(CultureInfo.InvariantCulture, $"{type}.{config[1]:x2}{config[2]:x2}{config[3]:x2}") };
                    }

                    break;
                case "mp4a" when payload.Length >= 28:
                    // AudioSampleEntry: 28 bytes before its boxes; esds holds the object type
                    var audio = payload[28..];
                    var codec = "mp4a.40.2";
                    while (TryReadBox(ref audio, out var child, out var esds))
                    {
                        if (child == "esds" && AudioObjectType(esds) is { } aot) codec = "mp4a.40." + aot.ToString(CultureInfo.InvariantCulture);
                    }

                    result = result with { AudioCodec = codec };
                    break;
            }
        }
    }

    /// <summary>The audioObjectType (first 5 bits of the DecoderSpecificInfo, tag 5) of an MPEG-4 audio (objectTypeIndication 0x40) esds.</summary>
    private static int? AudioObjectType(ReadOnlySpan<byte> esds)
    {
        if (esds.Length < 4) return null;
        var rest = esds[4..]; // version/flags
        var mpeg4Audio = false;
        while (rest.Length >= 2)
        {
            var tag = rest[0];
            var at = 1;
            var length = 0;
            for (var i = 0; i < 4 && at < rest.Length; i++)
            {
                var b = rest[at++];
                length = (length << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) break;
            }

            if (at + length > rest.Length) return null;
            var body = rest.Slice(at, length);
            switch (tag)
            {
                case 0x03 when body.Length >= 3: // ES_Descriptor: ES_ID, flags; then dependsOn_ES_ID (0x80), OCR_ES_Id (0x20); a URL (0x40) is not followed
                    if ((body[2] & 0x40) != 0) return null;
                    var skip = 3 + ((body[2] & 0x80) != 0 ? 2 : 0) + ((body[2] & 0x20) != 0 ? 2 : 0);
                    if (skip > body.Length) return null;
                    rest = body[skip..];
                    continue;
                case 0x04 when body.Length >= 13: // DecoderConfigDescriptor: objectTypeIndication, 12 more bytes, then DecoderSpecificInfo
                    mpeg4Audio = body[0] == 0x40;
                    rest = body[13..];
                    continue;
                case 0x05 when body.Length >= 1 && mpeg4Audio:
                    return body[0] >> 3;
            }

            rest = rest[(at + length)..];
        }

        return null;
    }

    /// <summary>One ISO BMFF box (32-bit size; size 1 = 64-bit; size 0 = to the end).</summary>
    private static bool TryReadBox(ref ReadOnlySpan<byte> data, out string type, out ReadOnlySpan<byte> payload)
    {
        type = "";
        payload = default;
        if (data.Length < 8) return false;
        long size = BinaryPrimitives.ReadUInt32BigEndian(data);
        var header = 8;
        if (size == 1)
        {
            if (data.Length < 16) return false;
            size = (long)BinaryPrimitives.ReadUInt64BigEndian(data[8..]);
            header = 16;
        }
        else if (size == 0)
        {
            size = data.Length;
        }

        if (size < header || size > data.Length) return false;
        type = System.Text.Encoding.ASCII.GetString(data.Slice(4, 4));
        payload = data[header..(int)size];
        data = data[(int)size..];
        return true;
    }
}
