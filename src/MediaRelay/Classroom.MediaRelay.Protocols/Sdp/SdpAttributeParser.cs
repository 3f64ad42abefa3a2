using System.Globalization;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Applies one a= line to the session or a media section. Returns null on success or the reason
/// a typed attribute is malformed; unknown attributes are kept verbatim.
/// </summary>
internal static class SdpAttributeParser
{
    public static string? ApplySession(SessionDescription session, string attribute)
    {
        (string name, string? value) = Split(attribute);
        switch (name)
        {
            case "group":
                string[] parts = (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0)
                {
                    return "a=group needs semantics";
                }

                session.Groups.Add(new SdpGroup(parts[0], parts.Skip(1).ToArray()));
                return null;
            case "ice-lite":
                session.IceLite = true;
                return null;
            case "ice-ufrag":
                session.IceUfrag = value;
                return null;
            case "ice-pwd":
                session.IcePwd = value;
                return null;
            case "ice-options":
                session.IceOptions = value;
                return null;
            case "fingerprint":
                session.Fingerprint = ParseFingerprint(value, out string? error);
                return error;
            case "setup":
                if (value is null || !SdpTokens.TryParseSetup(value, out SdpSetupRole role))
                {
                    return $"a=setup value '{value}' is not actpass, active, passive or holdconn";
                }

                session.Setup = role;
                return null;
            case "msid-semantic":
                session.MsidSemantic = value;
                return null;
            case "extmap-allow-mixed":
                session.ExtmapAllowMixed = true;
                return null;
            default:
                session.OtherAttributes.Add(new SdpAttribute(name, value));
                return null;
        }
    }

    public static string? ApplyMedia(MediaDescription media, string attribute)
    {
        (string name, string? value) = Split(attribute);
        string text = value ?? string.Empty;
        switch (name)
        {
            case "mid": media.Mid = value; return null;
            case "sendrecv": media.Direction = SdpDirection.SendRecv; return null;
            case "sendonly": media.Direction = SdpDirection.SendOnly; return null;
            case "recvonly": media.Direction = SdpDirection.RecvOnly; return null;
            case "inactive": media.Direction = SdpDirection.Inactive; return null;
            case "ice-ufrag": media.IceUfrag = value; return null;
            case "ice-pwd": media.IcePwd = value; return null;
            case "ice-options": media.IceOptions = value; return null;
            case "rtcp-mux": media.RtcpMux = true; return null;
            case "rtcp-rsize": media.RtcpRsize = true; return null;
            case "rtcp-mux-only": media.RtcpMuxOnly = true; return null;
            case "bundle-only": media.BundleOnly = true; return null;
            case "rtcp": media.Rtcp = value; return null;
            case "msid": media.Msid = value; return null;
            case "end-of-candidates": media.EndOfCandidates = true; return null;
            case "sctp-port": media.SctpPort = value; return null;
            case "candidate": media.Candidates.Add(text); return null;
            case "fingerprint":
                media.Fingerprint = ParseFingerprint(value, out string? fingerprintError);
                return fingerprintError;
            case "setup":
                if (!SdpTokens.TryParseSetup(text, out SdpSetupRole role))
                {
                    return $"a=setup value '{value}' is not actpass, active, passive or holdconn";
                }

                media.Setup = role;
                return null;
            case "rtpmap": return ParseRtpMap(media, text);
            case "fmtp": return ParseFmtp(media, text);
            case "rtcp-fb": return ParseRtcpFeedback(media, text);
            case "extmap": return ParseExtmap(media, text);
            case "ssrc": return ParseSsrc(media, text);
            case "ssrc-group": return ParseSsrcGroup(media, text);
            case "rid": return ParseRid(media, text);
            case "simulcast": return ParseSimulcast(media, text);
            default:
                media.OtherAttributes.Add(new SdpAttribute(name, value));
                return null;
        }
    }

    private static (string Name, string? Value) Split(string attribute)
    {
        int colon = attribute.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (attribute, null) : (attribute[..colon], attribute[(colon + 1)..]);
    }

    private static bool TryPayloadType(string text, out int payloadType) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out payloadType) && payloadType <= 127;

    private static SdpFingerprint? ParseFingerprint(string? value, out string? error)
    {
        string[] parts = (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            error = "a=fingerprint needs '<hash> <hex:hex:...>'";
            return null;
        }

        error = null;
        return new SdpFingerprint(parts[0].ToLowerInvariant(), parts[1]);
    }

    private static string? ParseRtpMap(MediaDescription media, string text)
    {
        // <pt> <name>/<clock>[/<channels>]
        string[] parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        string[] encoding = parts.Length == 2 ? parts[1].Split('/') : [];
        if (parts.Length != 2 || !TryPayloadType(parts[0], out int pt) || encoding.Length is < 2 or > 3
            || !int.TryParse(encoding[1], NumberStyles.None, CultureInfo.InvariantCulture, out int clock))
        {
            return $"a=rtpmap '{text}' is not '<pt> <name>/<clock>[/<channels>]'";
        }

        int? channels = null;
        if (encoding.Length == 3)
        {
            if (!int.TryParse(encoding[2], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                return $"a=rtpmap '{text}' has a bad channel count";
            }

            channels = parsed;
        }

        media.RtpMaps.Add(new SdpRtpMap(pt, encoding[0], clock, channels));
        return null;
    }

    private static string? ParseFmtp(MediaDescription media, string text)
    {
        string[] parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !TryPayloadType(parts[0], out int pt))
        {
            return $"a=fmtp '{text}' has no payload type";
        }

        media.Fmtps.Add(new SdpFmtp(pt, parts.Length == 2 ? parts[1] : string.Empty));
        return null;
    }

    private static string? ParseRtcpFeedback(MediaDescription media, string text)
    {
        string[] parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        int pt = -1;
        if (parts.Length < 2 || (parts[0] != "*" && !TryPayloadType(parts[0], out pt)))
        {
            return $"a=rtcp-fb '{text}' is not '<pt|*> <type> [<parameter>]'";
        }

        media.RtcpFeedback.Add(new SdpRtcpFeedback(parts[0] == "*" ? -1 : pt, parts[1], parts.Length == 3 ? parts[2] : null));
        return null;
    }

    private static string? ParseExtmap(MediaDescription media, string text)
    {
        string[] parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        string idText = parts.Length > 0 ? parts[0] : string.Empty;
        string? direction = null;
        int slash = idText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            direction = idText[(slash + 1)..];
            idText = idText[..slash];
        }

        // §5: ids 1..14 (one-byte) and 15..255 (two-byte, 256..4095 reserved for the session).
        if (parts.Length < 2 || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id is < 1 or > 255)
        {
            return $"a=extmap '{text}' is not '<id>[/<direction>] <uri>' with id 1..255";
        }

        media.Extmaps.Add(new SdpExtmap(id, parts[1], direction, parts.Length == 3 ? parts[2] : null));
        return null;
    }

    private static string? ParseSsrc(MediaDescription media, string text)
    {
        string[] parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint ssrc))
        {
            return $"a=ssrc '{text}' is not '<ssrc> <attribute>[:<value>]'";
        }

        (string attribute, string? value) = Split(parts[1]);
        media.Ssrcs.Add(new SdpSsrc(ssrc, attribute, value));
        return null;
    }

    private static string? ParseSsrcGroup(MediaDescription media, string text)
    {
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ssrcs = new List<uint>();
        foreach (string part in parts.Skip(1))
        {
            if (!uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out uint ssrc))
            {
                return $"a=ssrc-group '{text}' has a non-numeric SSRC";
            }

            ssrcs.Add(ssrc);
        }

        if (parts.Length < 2)
        {
            return $"a=ssrc-group '{text}' needs semantics and SSRCs";
        }

        media.SsrcGroups.Add(new SdpSsrcGroup(parts[0], ssrcs));
        return null;
    }

    private static string? ParseRid(MediaDescription media, string text)
    {
        string[] parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[1] is not ("send" or "recv"))
        {
            return $"a=rid '{text}' is not '<id> send|recv [restrictions]'";
        }

        media.Rids.Add(new SdpRid(parts[0], parts[1], parts.Length == 3 ? parts[2] : null));
        return null;
    }

    private static string? ParseSimulcast(MediaDescription media, string text)
    {
        // RFC 8853 §5.1: "send <list> [recv <list>]" in either order.
        string[] parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? send = null;
        string? recv = null;
        for (int i = 0; i + 1 < parts.Length; i += 2)
        {
            switch (parts[i])
            {
                case "send": send = parts[i + 1]; break;
                case "recv": recv = parts[i + 1]; break;
                default: return $"a=simulcast '{text}' is not 'send <list> [recv <list>]'";
            }
        }

        if ((send is null && recv is null) || parts.Length % 2 != 0)
        {
            return $"a=simulcast '{text}' is not 'send <list> [recv <list>]'";
        }

        media.Simulcast = new SdpSimulcast(send, recv);
        return null;
    }
}
