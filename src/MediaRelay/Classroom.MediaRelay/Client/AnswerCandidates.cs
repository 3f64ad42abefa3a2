using System.Globalization;
using System.Net;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.MediaRelay.Client;

/// <summary>What a client needs from the relay's answer: ICE credentials, fingerprint and the UDP host candidate (RFC 8839 §5.1).</summary>
public sealed record AnswerCandidates(string IceUfrag, string IcePwd, string Fingerprint, IPEndPoint Udp)
{
    public static AnswerCandidates? Read(string answer)
    {
        var parsed = SdpParser.Parse(answer);
        if (!parsed.Success) return null;
        var session = parsed.Description;
        var media = session.Media.FirstOrDefault(m => !m.IsRejected);
        if (media is null) return null;
        var ufrag = media.IceUfrag ?? session.IceUfrag;
        var pwd = media.IcePwd ?? session.IcePwd;
        var fingerprint = (media.Fingerprint ?? session.Fingerprint)?.Value;
        foreach (var candidate in media.Candidates)
        {
            var parts = candidate.Split(' ');
            if (parts.Length >= 6 && parts[2].Equals("udp", StringComparison.OrdinalIgnoreCase) &&
                IPAddress.TryParse(parts[4], out var address) &&
                int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var port) &&
                ufrag is not null && pwd is not null && fingerprint is not null)
                return new AnswerCandidates(ufrag, pwd, fingerprint, new IPEndPoint(address, port));
        }

        return null;
    }
}

/// <summary>One accepted section of the relay's answer to a player: what it shows (msid) and the SSRC the relay sends it on.</summary>
public sealed class AnswerSection(string mid, string kind, string? msid, uint ssrc)
{
    private long _packets;

    public string Mid { get; } = mid;
    public string Kind { get; } = kind;
    public string? Msid { get; } = msid;
    public uint Ssrc { get; } = ssrc;

    /// <summary>RTP packets received on this section.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    internal void OnPacket() => Interlocked.Increment(ref _packets);
}

internal static class AnswerSections
{
    public static IReadOnlyList<AnswerSection> Read(string answer)
    {
        var parsed = SdpParser.Parse(answer);
        if (!parsed.Success) return [];
        return parsed.Description.Media.Where(m => !m.IsRejected && m.Mid is not null)
            .Select(m => new AnswerSection(m.Mid!, m.Kind, m.Msid, m.Ssrcs.Count > 0 ? m.Ssrcs[0].Ssrc : 0)).ToArray();
    }
}
