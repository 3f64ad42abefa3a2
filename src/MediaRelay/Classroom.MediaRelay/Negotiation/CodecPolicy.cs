using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// Picks the one codec a publisher sends. The relay forwards without transcoding, so a lesson
/// keeps the codec its first publisher used when a later one (a reloaded studio) offers it;
/// otherwise Opus for audio and VP8, then H.264 constrained baseline mode 1, for video — the
/// codecs every classroom browser decodes. A publisher that lists H.264 (packetization mode 1)
/// before VP8 gets H.264: the studio page does that when the lesson is recorded, so the recorder
/// copies the video instead of transcoding it (docs/recording.md).
/// </summary>
public static class CodecPolicy
{
    private static readonly Func<SdpCodec, bool>[] VideoPreference =
    [
        c => c.EncodingName.Equals("VP8", StringComparison.OrdinalIgnoreCase),
        c => IsH264(c) && c.Fmtp.Get("packetization-mode") == "1" && string.Equals(c.Fmtp.Get("profile-level-id"), "42e01f", StringComparison.OrdinalIgnoreCase),
        c => IsH264(c) && c.Fmtp.Get("packetization-mode") == "1",
        IsH264,
    ];

    public static SdpCodec? Choose(string kind, IReadOnlyList<SdpCodec> codecs, CodecKey? roomCodec)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        if (roomCodec is { } fixedCodec && codecs.FirstOrDefault(fixedCodec.Matches) is { } same) return same;
        if (kind == "audio")
            return codecs.FirstOrDefault(c => c.EncodingName.Equals("opus", StringComparison.OrdinalIgnoreCase));
        var first = codecs.FirstOrDefault(c => VideoPreference[0](c) || VideoPreference[2](c));
        if (first is not null && IsH264(first)) return codecs.FirstOrDefault(VideoPreference[1]) ?? first;
        foreach (var rule in VideoPreference)
        {
            if (codecs.FirstOrDefault(rule) is { } hit) return hit;
        }

        return null;
    }

    /// <summary>
    /// Primary media codecs (not rtx, red, ulpfec, flexfec). The negotiator adds rtx back for a
    /// player's video (the relay retransmits to players on RTX); publishers get no repair codecs.
    /// </summary>
    public static bool IsPrimary(SdpCodec codec) =>
        !RelayMediaPolicy.IsRepairCodec(codec.EncodingName);

    private static bool IsH264(SdpCodec c) => c.EncodingName.Equals("H264", StringComparison.OrdinalIgnoreCase);
}
