using System.Globalization;

namespace Classroom.MediaRelay.Ice;

/// <summary>
/// A host candidate the relay announces: UDP (RFC 8445 §5.1.2 priority with type preference 126)
/// or passive TCP (RFC 6544 §4.5, lower local preference so browsers try UDP first).
/// </summary>
public sealed record IceCandidate(string Foundation, string Protocol, string Address, int Port, bool TcpPassive)
{
    public uint Priority => TcpPassive
        ? (126u << 24) | (0x2000u << 8) | 255u
        : (126u << 24) | (0xFFFFu << 8) | 255u;

    /// <summary>The candidate-attribute value (RFC 8839 §5.1) after "a=candidate:".</summary>
    public string Value => string.Create(CultureInfo.InvariantCulture,
        $"{Foundation} 1 {Protocol} {Priority} {Address} {Port} typ host{(TcpPassive ? " tcptype passive" : string.Empty)}");
}
