using Classroom.MediaRelay.Protocols.Demux;

namespace Classroom.MediaRelay.Protocols.Tests.Demux;

public class PacketClassifierTests
{
    [Theory]
    [InlineData(new byte[] { 0x00, 0x01 }, PacketKind.Stun)]
    [InlineData(new byte[] { 0x03 }, PacketKind.Stun)]
    [InlineData(new byte[] { 22, 0xFE, 0xFD }, PacketKind.Dtls)] // DTLS 1.2 handshake record
    [InlineData(new byte[] { 63 }, PacketKind.Dtls)]
    [InlineData(new byte[] { 0x80, 111 }, PacketKind.Rtp)] // Opus
    [InlineData(new byte[] { 0x80, 96 + 128 }, PacketKind.Rtp)] // marker + PT 96 = 224, above the RTCP range
    [InlineData(new byte[] { 0x80, 200 }, PacketKind.Rtcp)] // SR
    [InlineData(new byte[] { 0x81, 205 }, PacketKind.Rtcp)] // RTPFB
    [InlineData(new byte[] { 0x8F, 206 }, PacketKind.Rtcp)] // PSFB FMT 15 (REMB)
    [InlineData(new byte[] { 0x80 }, PacketKind.Unknown)] // too short to tell RTP from RTCP
    [InlineData(new byte[] { 16 }, PacketKind.Unknown)] // ZRTP
    [InlineData(new byte[] { 64 }, PacketKind.Unknown)] // TURN ChannelData
    [InlineData(new byte[] { 0xC0, 96 }, PacketKind.Unknown)]
    [InlineData(new byte[] { }, PacketKind.Unknown)]
    public void Classifies_by_first_byte(byte[] datagram, PacketKind expected) =>
        Assert.Equal(expected, PacketClassifier.Classify(datagram));
}
