using System.Globalization;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Interim.Sdp;

/// <summary>
/// INTERIM until Classroom.MediaRelay.Protocols.Sdp lands: reads the parts of an SDP offer
/// (RFC 8866) the relay negotiates on and says why an offer is refused.
/// </summary>
internal static class InterimSdpOfferReader
{
    public static bool TryRead(string sdp, out SessionOffer? offer, out string? reason)
    {
        offer = null;
        var lines = sdp.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != "v=0") return Fail("the first line must be v=0", out reason);

        string? ufrag = null, pwd = null, fingerprint = null, setup = null;
        var media = new List<MediaBuilder>();
        MediaBuilder? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.Length < 2 || line[1] != '=') return Fail($"line {i + 1} is not <type>=<value>", out reason);
            if (line[0] == 'm')
            {
                var parts = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 4) return Fail($"line {i + 1}: m= needs media, port, proto and formats", out reason);
                current = new MediaBuilder(parts[0], parts[2], parts[3..]);
                media.Add(current);
                continue;
            }

            if (line[0] != 'a') continue;
            var attr = line[2..];
            var colon = attr.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? attr : attr[..colon];
            var value = colon < 0 ? string.Empty : attr[(colon + 1)..];
            switch (name)
            {
                case "ice-ufrag": if (current is null) ufrag = value; else current.Ufrag = value; break;
                case "ice-pwd": if (current is null) pwd = value; else current.Pwd = value; break;
                case "fingerprint":
                    if (value.StartsWith("sha-256 ", StringComparison.OrdinalIgnoreCase))
                    {
                        if (current is null) fingerprint = value[8..].Trim(); else current.Fingerprint = value[8..].Trim();
                    }

                    break;
                case "setup": if (current is null) setup = value; else current.Setup = value; break;
                default: current?.Attribute(name, value); break;
            }
        }

        if (media.Count == 0) return Fail("the offer has no m= line", out reason);
        var first = media[0];
        ufrag = first.Ufrag ?? ufrag;
        pwd = first.Pwd ?? pwd;
        fingerprint = first.Fingerprint ?? fingerprint;
        setup = first.Setup ?? setup ?? "actpass";
        if (string.IsNullOrEmpty(ufrag) || ufrag.Length < 4) return Fail("a=ice-ufrag is missing or shorter than 4 characters (RFC 8839 §5.4)", out reason);
        if (string.IsNullOrEmpty(pwd) || pwd.Length < 22) return Fail("a=ice-pwd is missing or shorter than 22 characters (RFC 8839 §5.4)", out reason);
        if (string.IsNullOrEmpty(fingerprint)) return Fail("a=fingerprint:sha-256 is missing (RFC 8122)", out reason);

        offer = new SessionOffer(ufrag, pwd, fingerprint, setup, media.Select(m => m.Build()).ToArray());
        reason = null;
        return true;
    }

    private static bool Fail(string why, out string? reason)
    {
        reason = why;
        return false;
    }

    private sealed class MediaBuilder(string kind, string protocol, string[] formats)
    {
        private readonly Dictionary<int, (string Name, int Clock, int Channels)> _rtpmap = [];
        private readonly Dictionary<int, string> _fmtp = [];
        private readonly Dictionary<int, List<string>> _feedback = [];
        private readonly List<uint> _ssrcs = [];
        private string? _mid;
        private string _direction = "sendrecv";
        private bool _rtcpMux;

        public string? Ufrag { get; set; }
        public string? Pwd { get; set; }
        public string? Fingerprint { get; set; }
        public string? Setup { get; set; }

        public void Attribute(string name, string value)
        {
            switch (name)
            {
                case "mid": _mid = value; break;
                case "sendrecv" or "sendonly" or "recvonly" or "inactive": _direction = name; break;
                case "rtcp-mux": _rtcpMux = true; break;
                case "rtpmap": ReadRtpmap(value); break;
                case "fmtp" when TrySplitPt(value, out var pt, out var rest): _fmtp[pt] = rest; break;
                case "rtcp-fb" when TrySplitPt(value, out var pt, out var rest):
                    if (!_feedback.TryGetValue(pt, out var list)) _feedback[pt] = list = [];
                    list.Add(rest);
                    break;
                case "ssrc":
                    var sp = value.IndexOf(' ', StringComparison.Ordinal);
                    if (uint.TryParse(sp < 0 ? value : value[..sp], NumberStyles.None, CultureInfo.InvariantCulture, out var ssrc) && !_ssrcs.Contains(ssrc))
                        _ssrcs.Add(ssrc);
                    break;
            }
        }

        private void ReadRtpmap(string value)
        {
            if (!TrySplitPt(value, out var pt, out var rest)) return;
            var parts = rest.Split('/');
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clock)) return;
            var channels = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 1;
            _rtpmap[pt] = (parts[0], clock, channels);
        }

        private static bool TrySplitPt(string value, out int pt, out string rest)
        {
            var sp = value.IndexOf(' ', StringComparison.Ordinal);
            rest = sp < 0 ? string.Empty : value[(sp + 1)..].Trim();
            return int.TryParse(sp < 0 ? value : value[..sp], NumberStyles.None, CultureInfo.InvariantCulture, out pt);
        }

        public OfferedMedia Build()
        {
            var codecs = new List<OfferedCodec>();
            foreach (var f in formats)
            {
                if (!int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || !_rtpmap.TryGetValue(pt, out var map)) continue;
                codecs.Add(new OfferedCodec(pt, map.Name, map.Clock, map.Channels, _fmtp.GetValueOrDefault(pt, string.Empty),
                    _feedback.TryGetValue(pt, out var fb) ? fb : []));
            }

            return new OfferedMedia(kind, _mid, _direction, protocol, codecs, _ssrcs, _rtcpMux);
        }
    }
}
