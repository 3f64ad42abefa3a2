using System.Globalization;
using System.Text;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The SDP file ffmpeg reads a run's plain RTP through (RFC 8866): one m-line per track on its
/// own loopback port. ffmpeg's SDP input binds the wildcard address; the source filter
/// (RFC 4570) makes it drop datagrams that do not come from 127.0.0.1, which nothing off the
/// host can send, so no one else can inject media into a recording.
/// </summary>
internal static class RecordingSdp
{
    public static string Write(IReadOnlyList<RecordingTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var sdp = new StringBuilder();
        sdp.Append("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=classroom recording\r\nc=IN IP4 127.0.0.1\r\n");
        sdp.Append("a=source-filter: incl IN IP4 * 127.0.0.1\r\nt=0 0\r\n");
        foreach (var track in tracks)
        {
            var codec = track.Codec;
            var pt = codec.PayloadType.ToString(CultureInfo.InvariantCulture);
            sdp.Append("m=").Append(track.IsVideo ? "video " : "audio ").Append(track.Port.ToString(CultureInfo.InvariantCulture)).Append(" RTP/AVP ").Append(pt).Append("\r\n");
            sdp.Append("a=rtpmap:").Append(pt).Append(' ').Append(codec.EncodingName).Append('/').Append(codec.ClockRate.ToString(CultureInfo.InvariantCulture));
            if (codec.Channels is { } channels) sdp.Append('/').Append(channels.ToString(CultureInfo.InvariantCulture));
            sdp.Append("\r\n");
            if (!string.IsNullOrEmpty(codec.Parameters)) sdp.Append("a=fmtp:").Append(pt).Append(' ').Append(codec.Parameters).Append("\r\n");
            sdp.Append("a=recvonly\r\n");
        }

        return sdp.ToString();
    }
}
