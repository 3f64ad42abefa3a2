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
