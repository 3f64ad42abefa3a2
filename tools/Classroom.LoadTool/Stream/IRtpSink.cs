namespace Classroom.LoadTool.Stream;

/// <summary>Where the synthetic stream's packets go (SRTP through WHIP, or plain RTP into a Janus mountpoint).</summary>
public interface IRtpSink
{
    bool Send(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, ReadOnlySpan<byte> payload);
}
