namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// Per-SSRC cryptographic state inside one <see cref="SrtpContext"/> (RFC 3711 §3.2.3): the
/// SRTP replay window (whose highest index carries ROC and s_l) and the SRTCP index.
/// Created on the first authenticated packet, never for a forged one.
/// </summary>
internal sealed class SrtpStream
{
    public SrtpStream(uint ssrc) => Ssrc = ssrc;

    public uint Ssrc { get; }

    /// <summary>Receive side: highest accepted index + bitmap. Send side: highest sent index.</summary>
    public ReplayWindow Rtp;

    /// <summary>Receive side SRTCP replay state.</summary>
    public ReplayWindow Rtcp;

    /// <summary>Send side: the next SRTCP index (31 bits, §3.4).</summary>
    public uint NextRtcpIndex;

    /// <summary>Index for <paramref name="sequence"/> on this stream (0-based ROC for the first packet).</summary>
    public long EstimateRtpIndex(ushort sequence) =>
        Rtp.IsInitialized ? RolloverCounter.EstimateIndex(Rtp.Highest, sequence) : sequence;
}
