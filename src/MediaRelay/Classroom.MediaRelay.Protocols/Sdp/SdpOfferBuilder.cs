namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Builds offers the relay accepts, for clients written in C# (the load tool, the DTLS client
/// subscriber of an edge relay): BUNDLE of all sections, actpass, rtcp-mux, and only the codecs,
/// feedback and extensions of <see cref="RelayMediaPolicy"/> with Chromium's payload numbers.
/// </summary>
public static class SdpOfferBuilder
{
    /// <summary>Creates the offer; write it with <see cref="SdpWriter"/>.</summary>
    public static SessionDescription CreateOffer(SdpOfferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var offer = new SessionDescription { Origin = SdpOrigin.Create(options.SessionId), MsidSemantic = " WMS" };
        for (int i = 0; i < options.Tracks.Count; i++)
        {
            SdpOfferTrack track = options.Tracks[i];
            var media = new MediaDescription
            {
                Kind = track.Kind,
                Mid = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Direction = track.Direction,
                IceUfrag = options.IceUfrag,
                IcePwd = options.IcePwd,
                IceOptions = "trickle",
                Fingerprint = new SdpFingerprint("sha-256", options.FingerprintSha256),
                Setup = SdpSetupRole.ActPass,
                RtcpMux = true,
                RtcpRsize = true,
                Rtcp = "9 IN IP4 0.0.0.0",
            };
            media.Extmaps.Add(new SdpExtmap(1, RelayMediaPolicy.MidUri));
            media.Extmaps.Add(new SdpExtmap(2, RelayMediaPolicy.AbsSendTimeUri));
            media.Extmaps.Add(new SdpExtmap(3, RelayMediaPolicy.TransportWideCcUri));
            if (track.Kind == "audio")
            {
                AddCodec(media, 111, "opus", 48000, 2, "minptime=10;useinbandfec=1", ["transport-cc"]);
            }
            else
            {
                media.Extmaps.Add(new SdpExtmap(4, RelayMediaPolicy.RtpStreamIdUri));
                media.Extmaps.Add(new SdpExtmap(5, RelayMediaPolicy.RepairedRtpStreamIdUri));
                string[] feedback = ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"];
                if (options.PreferH264) AddH264(media, feedback);
                AddCodec(media, 96, "VP8", 90000, null, null, feedback);
                AddCodec(media, 97, "rtx", 90000, null, "apt=96", []);
                if (!options.PreferH264) AddH264(media, feedback);
            }

            if (track.Send is SdpSendStream send && track.Direction is SdpDirection.SendOnly or SdpDirection.SendRecv)
            {
                media.Msid = $"{send.StreamId} {send.TrackId}";
                media.Ssrcs.Add(new SdpSsrc(send.Ssrc, "cname", send.Cname));
                media.Ssrcs.Add(new SdpSsrc(send.Ssrc, "msid", media.Msid));
            }

            offer.Media.Add(media);
        }

        offer.Groups.Add(new SdpGroup("BUNDLE", offer.Media.Select(m => m.Mid!).ToArray()));
        return offer;
    }

    private static void AddH264(MediaDescription media, string[] feedback)
    {
        AddCodec(media, 106, "H264", 90000, null, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", feedback);
        AddCodec(media, 107, "rtx", 90000, null, "apt=106", []);
    }

    private static void AddCodec(MediaDescription media, int pt, string name, int clock, int? channels, string? fmtp, string[] feedback)
    {
        media.Formats.Add(pt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        media.RtpMaps.Add(new SdpRtpMap(pt, name, clock, channels));
        if (fmtp is not null)
        {
            media.Fmtps.Add(new SdpFmtp(pt, fmtp));
        }

        foreach (string fb in feedback)
        {
            string[] parts = fb.Split(' ', 2);
            media.RtcpFeedback.Add(new SdpRtcpFeedback(pt, parts[0], parts.Length == 2 ? parts[1] : null));
        }
    }
}

/// <summary>Inputs of <see cref="SdpOfferBuilder.CreateOffer"/>.</summary>
public sealed class SdpOfferOptions
{
    /// <summary>Local ICE ufrag.</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Local ICE password.</summary>
    public required string IcePwd { get; init; }

    /// <summary>SHA-256 fingerprint of the local DTLS certificate.</summary>
    public required string FingerprintSha256 { get; init; }

    /// <summary>o= session id.</summary>
    public string SessionId { get; init; } = "1";

    /// <summary>
    /// H.264 listed before VP8, as the studio page lists it when the lesson is recorded: the relay
    /// then takes H.264 (CodecPolicy) and the recorder copies it.
    /// </summary>
    public bool PreferH264 { get; init; }

    /// <summary>One m= section per track, mids "0", "1", ….</summary>
    public IReadOnlyList<SdpOfferTrack> Tracks { get; init; } = [];
}

/// <summary>One section of a built offer: kind, direction, and the stream to announce when sending.</summary>
public sealed record SdpOfferTrack(string Kind, SdpDirection Direction, SdpSendStream? Send = null);
