using System.Text;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Http;

/// <summary>Trickle ICE SDP fragments (RFC 8840 §9) as WHIP/WHEP PATCH carries them (RFC 9725 §4.4).</summary>
internal static class SdpFragment
{
    /// <summary>The ice-ufrag/ice-pwd pair in a fragment, or null when it carries only candidates.</summary>
    public static IceCredentials? ReadIceCredentials(string fragment)
    {
        string? ufrag = null, pwd = null;
        foreach (var raw in fragment.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("a=ice-ufrag:", StringComparison.Ordinal)) ufrag ??= line[12..].Trim();
            else if (line.StartsWith("a=ice-pwd:", StringComparison.Ordinal)) pwd ??= line[10..].Trim();
        }

        return ufrag is { Length: >= 4 } && pwd is { Length: >= 22 } ? new IceCredentials(ufrag, pwd) : null;
    }

    /// <summary>The relay's new credentials and candidates after an ICE restart (RFC 9725 §4.4.1).</summary>
    public static string WriteRestartAnswer(RelaySession session, IceCredentials local, IReadOnlyList<IceCandidate> candidates)
    {
        var first = session.Tracks[0];
        var sb = new StringBuilder();
        sb.Append("a=ice-lite\r\n");
        sb.Append("a=group:BUNDLE ").Append(string.Join(' ', session.Tracks.Select(t => t.Mid))).Append("\r\n");
        sb.Append("m=").Append(first.Kind).Append(" 9 UDP/TLS/RTP/SAVPF ").Append(first.Codecs[0].PayloadType).Append("\r\n");
        sb.Append("a=mid:").Append(first.Mid).Append("\r\n");
        sb.Append("a=ice-ufrag:").Append(local.Ufrag).Append("\r\n");
        sb.Append("a=ice-pwd:").Append(local.Pwd).Append("\r\n");
        foreach (var c in candidates) sb.Append("a=candidate:").Append(c.Value).Append("\r\n");
        sb.Append("a=end-of-candidates\r\n");
        return sb.ToString();
    }
}
