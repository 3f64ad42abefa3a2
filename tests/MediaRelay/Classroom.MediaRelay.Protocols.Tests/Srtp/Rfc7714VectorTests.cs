using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.MediaRelay.Protocols.Tests.Srtp;

/// <summary>
/// RFC 7714 §16.1 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM vectors, verbatim. The RFC gives
/// session keys directly: key 00 01 .. 0f, salt "Quid pro quo".
/// </summary>
public class Rfc7714VectorTests
{
    private static readonly byte[] Key = Hex.Parse("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Salt = Hex.Parse("517569642070726f2071756f");

    // §16: header 8040f17b 8041f8d3 5501a0b2, payload "Gallia est omnis divisa in partes tres".
    private static readonly byte[] RtpPlain = Hex.Parse(@"
        8040f17b 8041f8d3 5501a0b2 47616c6c
        69612065 7374206f 6d6e6973 20646976
        69736120 696e2070 61727465 73207472
        6573");

    // §16.1.1 "Encrypted and tagged packet".
    private static readonly byte[] RtpProtected = Hex.Parse(@"
        8040f17b 8041f8d3 5501a0b2 f24de3a3
        fb34de6c acba861c 9d7e4bca be633bd5
        0d294e6f 42a5f47a 51c7d19b 36de3adf
        8833899d 7f27beb1 6a9152cf 765ee439
        0cce");

    // §17: RTCP sender report of SSRC 4d617273, SRTCP index 000005d4.
    private static readonly byte[] RtcpPlain = Hex.Parse(@"
        81c8000d 4d617273 4e545031 4e545032
        52545020 0000042a 0000e930 4c756e61
        deadbeef deadbeef deadbeef deadbeef
        deadbeef");

    // §17.1 "Encrypted and tagged packet" (E-flag set).
    private static readonly byte[] RtcpProtected = Hex.Parse(@"
        81c8000d 4d617273 63e94885 dcdab67c
        a727d766 2f6b7e99 7ff5c0f7 6c06f32d
        c676a5f1 730d6fda 4ce09b46 86303ded
        0bb9275b c84aa458 96cf4d2f c5abf872
        45d9eade 800005d4");

    // §17.3 tagged-only packet (E-flag clear): plain body, tag, index word.
    private static readonly byte[] RtcpTaggedOnly = Hex.Parse(@"
        81c8000d 4d617273 4e545031 4e545032
        52545020 0000042a 0000e930 4c756e61
        deadbeef deadbeef deadbeef deadbeef
        deadbeef 841dd968 3dd78ec9 2ae58790
        125f62b3 000005d4");

    private static SrtpContext NewContext() => SrtpContext.CreateFromSessionKeys(SrtpProfile.AeadAes128Gcm, Key, Salt);

    [Fact]
    public void Section_16_1_1_SRTP_encryption()
    {
        using SrtpContext context = NewContext();
        var buffer = new byte[RtpPlain.Length + 16];
        RtpPlain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, RtpPlain.Length, out int length));
        Assert.Equal(Hex.Format(RtpProtected), Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void Section_16_1_2_SRTP_decryption()
    {
        using SrtpContext context = NewContext();
        byte[] packet = (byte[])RtpProtected.Clone();
        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtp(packet, out int length));
        Assert.Equal(Hex.Format(RtpPlain), Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void Section_17_1_SRTCP_encryption()
    {
        using SrtpContext context = NewContext();
        context.SetNextRtcpIndex(0x4d617273, 0x5d4);
        var buffer = new byte[RtcpPlain.Length + 20];
        RtcpPlain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, context.ProtectRtcp(buffer, RtcpPlain.Length, out int length));
        Assert.Equal(Hex.Format(RtcpProtected), Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void Section_17_2_SRTCP_decryption()
    {
        using SrtpContext context = NewContext();
        byte[] packet = (byte[])RtcpProtected.Clone();
        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtcp(packet, out int length));
        Assert.Equal(Hex.Format(RtcpPlain), Hex.Format(packet.AsSpan(0, length)));
    }

    [Fact]
    public void Section_17_3_SRTCP_tagged_only_verifies()
    {
        using SrtpContext context = NewContext();
        byte[] packet = (byte[])RtcpTaggedOnly.Clone();
        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtcp(packet, out int length));
        Assert.Equal(Hex.Format(RtcpPlain), Hex.Format(packet.AsSpan(0, length)));
    }

    [Theory]
    [InlineData(3)] // header (AAD)
    [InlineData(12)] // first ciphertext byte
    [InlineData(40)] // middle
    [InlineData(65)] // last tag byte
    public void Any_flipped_bit_fails_authentication(int offset)
    {
        using SrtpContext context = NewContext();
        byte[] packet = (byte[])RtpProtected.Clone();
        packet[offset] ^= 0x01;
        Assert.Equal(SrtpStatus.AuthenticationFailed, context.UnprotectRtp(packet, out _));
    }

    [Fact]
    public void Flipped_SRTCP_bit_fails_authentication()
    {
        using SrtpContext context = NewContext();
        byte[] packet = (byte[])RtcpProtected.Clone();
        packet[20] ^= 0x80;
        Assert.Equal(SrtpStatus.AuthenticationFailed, context.UnprotectRtcp(packet, out _));
    }
}
