using System.Globalization;
using System.Net;

namespace Classroom.MediaRelay.Client;

/// <summary>Reads the host candidates (RFC 8839 §5.1) of the relay's answer.</summary>
public static class AnswerCandidates
{
    public static IPEndPoint? FirstUdp(string sdp)
    {
        foreach (var raw in sdp.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("a=candidate:", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            if (parts.Length >= 8 && parts[2].Equals("udp", StringComparison.OrdinalIgnoreCase) &&
                IPAddress.TryParse(parts[4], out var address) &&
                int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                return new IPEndPoint(address, port);
        }

        return null;
    }
}
