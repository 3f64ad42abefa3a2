namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// What makes two offered codecs interchangeable for forwarding without transcoding: name, clock,
/// channels, and for H.264 the profile-level-id and packetization-mode (RFC 6184 §8.1) — a
/// decoder offered 42e01f mode 1 can take what a 42e01f mode 1 encoder sends.
/// </summary>
public readonly record struct CodecKey(string Name, int ClockRate, int Channels, string Profile)
{
    public static CodecKey Of(OfferedCodec codec)
    {
        var profile = string.Empty;
        if (codec.Name.Equals("H264", StringComparison.OrdinalIgnoreCase))
        {
            profile = (codec.FmtpValue("profile-level-id") ?? "42001f").ToLowerInvariant() + "/" +
                      (codec.FmtpValue("packetization-mode") ?? "0");
        }

        return new CodecKey(codec.Name.ToUpperInvariant(), codec.ClockRate, codec.Channels, profile);
    }

    public bool Matches(OfferedCodec codec) => Of(codec) == this;
}
