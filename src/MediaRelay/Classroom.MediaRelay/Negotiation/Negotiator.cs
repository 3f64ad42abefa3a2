using System.Security.Cryptography;

namespace Classroom.MediaRelay.Negotiation;

/// <summary>
/// Turns an offer into the accepted m-lines (RFC 8829 §5.3 answer rules, reduced to what an SFU
/// needs): one codec per m-line, directions mirrored, every accepted m-line BUNDLEd with rtcp-mux
/// (RFC 8843, RFC 5761). Refuses with a reason a person can act on.
/// </summary>
public static class Negotiator
{
    public static bool TryNegotiate(SessionOffer offer, SessionRole role, Func<string, CodecKey?> roomCodec,
        out IReadOnlyList<NegotiatedTrack> tracks, out string? reason)
    {
        var result = new List<NegotiatedTrack>(offer.Media.Count);
        var index = 0;
        foreach (var media in offer.Media)
        {
            var mid = media.Mid ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            index++;
            var wantDirection = role == SessionRole.Publisher ? media.Direction is "sendonly" or "sendrecv" : media.Direction is "recvonly" or "sendrecv";
            OfferedCodec? codec = null;
            if (wantDirection && media.RtcpMux && media.Protocol.Contains("SAVPF", StringComparison.Ordinal))
            {
                var fixedCodec = roomCodec(media.Kind);
                codec = CodecPolicy.Choose(media, fixedCodec);
                if (codec is null && role == SessionRole.Publisher && fixedCodec is not null) codec = CodecPolicy.Choose(media, null);
            }

            if (codec is not null && result.Any(t => t.Accepted && t.Kind == media.Kind)) codec = null; // one track per kind
            var ssrc = role == SessionRole.Player ? NewSsrc() : 0;
            result.Add(new NegotiatedTrack(media, mid, codec, ssrc, media.Ssrcs));
        }

        tracks = result;
        if (result.Any(t => t.Accepted))
        {
            reason = null;
            return true;
        }

        reason = role == SessionRole.Publisher
            ? "no m-line the relay can receive: offer sendonly audio (opus) or video (VP8/H264) with rtcp-mux over UDP/TLS/RTP/SAVPF"
            : "no m-line the relay can send: offer recvonly audio (opus) or video matching the lesson's codec with rtcp-mux over UDP/TLS/RTP/SAVPF";
        return false;
    }

    private static uint NewSsrc()
    {
        Span<byte> b = stackalloc byte[4];
        RandomNumberGenerator.Fill(b);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b) | 1;
    }
}
