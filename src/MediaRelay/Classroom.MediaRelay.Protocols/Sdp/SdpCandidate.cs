using System.Globalization;
using System.Text;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// An ICE candidate line (RFC 8839 §5.1): foundation, component, transport, priority, address,
/// port, "typ" type, optional raddr/rport, then extension name/value pairs (tcptype from RFC 6544,
/// generation/network-id from browsers). Addresses stay strings: browsers send mDNS names.
/// </summary>
public sealed record SdpCandidate(
    string Foundation,
    int Component,
    string Transport,
    uint Priority,
    string Address,
    int Port,
    string Type,
    string? RelatedAddress = null,
    int? RelatedPort = null,
    string? TcpType = null)
{
    /// <summary>Parses the value after "candidate:"; false when a required field is missing or not a number.</summary>
    public static bool TryParse(string value, out SdpCandidate? candidate)
    {
        candidate = null;
        string[] parts = (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8 || parts[6] != "typ"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int component)
            || !uint.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint priority)
            || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return false;
        }

        string? relatedAddress = null;
        int? relatedPort = null;
        string? tcpType = null;
        for (int i = 8; i + 1 < parts.Length; i += 2)
        {
            switch (parts[i])
            {
                case "raddr": relatedAddress = parts[i + 1]; break;
                case "rport" when int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int rport): relatedPort = rport; break;
                case "tcptype": tcpType = parts[i + 1]; break;
            }
        }

        candidate = new SdpCandidate(parts[0], component, parts[2], priority, parts[4], port, parts[7], relatedAddress, relatedPort, tcpType);
        return true;
    }

    /// <summary>True for UDP candidates.</summary>
    public bool IsUdp => Transport.Equals("udp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value to put after "a=candidate:".</summary>
    public override string ToString()
    {
        var text = new StringBuilder(96);
        text.Append(CultureInfo.InvariantCulture, $"{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {Type}");
        if (RelatedAddress is not null)
        {
            text.Append(" raddr ").Append(RelatedAddress);
        }

        if (RelatedPort is int rport)
        {
            text.Append(CultureInfo.InvariantCulture, $" rport {rport}");
        }

        if (TcpType is not null)
        {
            text.Append(" tcptype ").Append(TcpType);
        }

        return text.ToString();
    }
}
