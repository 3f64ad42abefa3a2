using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// What makes two negotiated codecs interchangeable for forwarding without transcoding: name,
/// clock, channels, and for H.264 the profile-level-id and packetization-mode (RFC 6184 §8.1) —
/// a decoder that took 42e01f mode 1 can take what a 42e01f mode 1 encoder sends.
/// </summary>
public readonly record struct CodecKey(string Name, int ClockRate, int Channels, string Profile)
{
    public static CodecKey Of(SdpCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var profile = string.Empty;
        if (codec.EncodingName.Equals("H264", StringComparison.OrdinalIgnoreCase))
        {
            var fmtp = codec.Fmtp;
            profile = (fmtp.Get("profile-level-id") ?? "42001f").ToLowerInvariant() + "/" + (fmtp.Get("packetization-mode") ?? "0");
        }

        return new CodecKey(codec.EncodingName.ToUpperInvariant(), codec.ClockRate, codec.Channels ?? 1, profile);
    }

    public bool Matches(SdpCodec codec) => Of(codec) == this;
}
