namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// Picks one codec per m-line. The relay forwards without transcoding, so once a room has a codec
/// for a kind every later peer must use exactly that one; before that, Opus for audio and VP8
/// (then H.264 constrained baseline, packetization-mode 1) for video.
/// </summary>
public static class CodecPolicy
{
    private static readonly Func<OfferedCodec, bool>[] VideoPreference =
    [
        c => c.Name.Equals("VP8", StringComparison.OrdinalIgnoreCase),
        c => IsH264(c) && c.FmtpValue("packetization-mode") == "1" && string.Equals(c.FmtpValue("profile-level-id"), "42e01f", StringComparison.OrdinalIgnoreCase),
        c => IsH264(c) && c.FmtpValue("packetization-mode") == "1",
        IsH264,
    ];

    public static OfferedCodec? Choose(OfferedMedia media, CodecKey? roomCodec)
    {
        if (roomCodec is { } fixedCodec) return media.Codecs.FirstOrDefault(fixedCodec.Matches);
        if (media.Kind == "audio")
            return media.Codecs.FirstOrDefault(c => c.Name.Equals("opus", StringComparison.OrdinalIgnoreCase) && c.ClockRate == 48000);
        if (media.Kind != "video") return null;
        foreach (var rule in VideoPreference)
        {
            var hit = media.Codecs.FirstOrDefault(rule);
            if (hit is not null) return hit;
        }

        return null;
    }

    private static bool IsH264(OfferedCodec c) => c.Name.Equals("H264", StringComparison.OrdinalIgnoreCase);
}
