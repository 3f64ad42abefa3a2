using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.MediaRelay.Protocols.Tests.Srtp;

public class SrtpContextTests
{
    public static TheoryData<SrtpProfile> Profiles => new() { SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AeadAes128Gcm };

    private static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile)
    {
        byte[] material = new byte[profile.KeyingMaterialLength()];
        for (int i = 0; i < material.Length; i++)
        {
            material[i] = (byte)(i * 7);
        }

        SrtpKeys server = SrtpKeys.FromDtlsExport(material, profile, isServer: true);
        SrtpKeys client = SrtpKeys.FromDtlsExport(material, profile, isServer: false);
        return (server.CreateOutboundContext(), client.CreateInboundContext());
    }

    private static byte[] Rtp(ushort sequence, uint ssrc = 0x11223344, int payload = 160)
    {
        var packet = new byte[12 + payload + 16];
        packet[0] = 0x80;
        packet[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (int i = 12; i < 12 + payload; i++)
        {
            packet[i] = (byte)(sequence + i);
        }

        return packet;
    }

    private static byte[] Protect(SrtpContext sender, ushort sequence, uint ssrc = 0x11223344)
    {
        byte[] buffer = Rtp(sequence, ssrc);
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(buffer, buffer.Length - 16, out int length));
        return buffer.AsSpan(0, length).ToArray();
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Server_outbound_is_readable_by_client_inbound(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        byte[] wire = Protect(sender, 1000);
        byte[] expected = Rtp(1000).AsSpan(0, 12 + 160).ToArray();
        Assert.NotEqual(Hex.Format(expected), Hex.Format(wire.AsSpan(0, 172)));
        Assert.Equal(12 + 160 + profile.TagLength(), wire.Length);
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire, out int length));
        Assert.Equal(Hex.Format(expected), Hex.Format(wire.AsSpan(0, length)));
    }

    [Fact]
    public void Keying_material_is_split_client_key_server_key_client_salt_server_salt()
    {
        byte[] material = Hex.Parse(
            "00000000000000000000000000000000" + "11111111111111111111111111111111" +
            "2222222222222222222222222222" + "3333333333333333333333333333");
        SrtpKeys server = SrtpKeys.FromDtlsExport(material, SrtpProfile.AesCm128HmacSha1_80, isServer: true);
        Assert.Equal("11111111111111111111111111111111", Hex.Format(server.LocalMasterKey.Span));
        Assert.Equal("3333333333333333333333333333", Hex.Format(server.LocalMasterSalt.Span));
        Assert.Equal("00000000000000000000000000000000", Hex.Format(server.RemoteMasterKey.Span));
        Assert.Equal("2222222222222222222222222222", Hex.Format(server.RemoteMasterSalt.Span));
        Assert.Throws<ArgumentException>(() => SrtpKeys.FromDtlsExport(material, SrtpProfile.AeadAes128Gcm, isServer: true));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Replayed_packet_is_rejected(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        byte[] first = Protect(sender, 7);
        byte[] copy = (byte[])first.Clone();
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(first, out _));
        Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(copy, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Packets_older_than_the_window_are_rejected_but_reordering_inside_it_is_not(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        byte[][] wire = Enumerable.Range(0, 100).Select(s => Protect(sender, (ushort)s)).ToArray();
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire[99], out _));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire[40], out _)); // 59 behind: inside the window
        Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(wire[35], out _)); // 64 behind: outside
        Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(wire[40], out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rollover_counter_survives_the_wrap_with_reordering(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        ushort[] order = [65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3];
        Dictionary<ushort, byte[]> wire = order.ToDictionary(s => s, s => Protect(sender, s));
        Assert.Equal(1u, sender.GetRolloverCounter(0x11223344));

        // Arrival: the wrap is seen before two stragglers of the old cycle, then one more late packet.
        foreach (ushort s in new ushort[] { 65530, 65531, 65533, 0, 65532, 1, 65535, 2, 65534, 3 })
        {
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire[s], out int length));
            Assert.Equal(s, BinaryPrimitives.ReadUInt16BigEndian(wire[s].AsSpan(2)));
            Assert.Equal(12 + 160, length);
        }

        Assert.Equal(1u, receiver.GetRolloverCounter(0x11223344));

        // Keep going into the second cycle: ROC estimation must keep authenticating.
        for (int s = 4; s < 40000; s += 997)
        {
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(Protect(sender, (ushort)s), out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Tampering_fails_authentication_and_does_not_advance_the_window(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        byte[] wire = Protect(sender, 500);
        byte[] forged = (byte[])wire.Clone();
        forged[^1] ^= 0x01; // tag
        Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtp(forged, out _));
        forged = (byte[])wire.Clone();
        forged[50] ^= 0x10; // ciphertext
        Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtp(forged, out _));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(wire, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_round_trips_and_replays_are_rejected(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        byte[] plain = Hex.Parse("81c90007 deadbeef 11223344 00000001 0000ffff 00000010 00000000 00000000");
        var buffer = new byte[plain.Length + sender.RtcpOverhead];
        plain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(buffer, plain.Length, out int length));
        byte[] wire = buffer.AsSpan(0, length).ToArray();
        byte[] copy = (byte[])wire.Clone();
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(wire, out int plainLength));
        Assert.Equal(Hex.Format(plain), Hex.Format(wire.AsSpan(0, plainLength)));
        Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtcp(copy, out _));

        buffer = new byte[plain.Length + sender.RtcpOverhead];
        plain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(buffer, plain.Length, out length));
        buffer[9] ^= 1;
        Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtcp(buffer.AsSpan(0, length), out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Malformed_and_short_input_is_refused_without_throwing(SrtpProfile profile)
    {
        (SrtpContext sender, SrtpContext receiver) = Pair(profile);
        Assert.Equal(SrtpStatus.Malformed, receiver.UnprotectRtp(new byte[10], out _));
        Assert.Equal(SrtpStatus.Malformed, receiver.UnprotectRtcp(new byte[10], out _));
        byte[] badVersion = Rtp(1);
        badVersion[0] = 0x40;
        Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtp(badVersion, 172, out _));
        byte[] noRoom = Rtp(1);
        Assert.Equal(SrtpStatus.BufferTooSmall, sender.ProtectRtp(noRoom.AsSpan(0, 175), 172, out _));
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            var junk = new byte[random.Next(0, 80)];
            random.NextBytes(junk);
            _ = receiver.UnprotectRtp(junk, out _);
            random.NextBytes(junk);
            _ = receiver.UnprotectRtcp(junk, out _);
        }
    }
}
