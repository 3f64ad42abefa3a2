using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.MediaRelay.Protocols.Tests.Srtp;

/// <summary>RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), verbatim.</summary>
public class Rfc3711VectorTests
{
    [Fact]
    public void B2_AES_CM_keystream()
    {
        // Session key 2B7E151628AED2A6ABF7158809CF4F3C, ROC 0, SEQ 0, SSRC 0,
        // session salt F0F1F2F3F4F5F6F7F8F9FAFBFCFD (shown shifted as ...FCFD0000).
        using var counterMode = new AesCounterMode(Hex.Parse("2B7E151628AED2A6ABF7158809CF4F3C"), Hex.Parse("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        var keystream = new byte[1044512]; // 65282 AES blocks, the RFC's segment length
        counterMode.Apply(keystream, ssrc: 0, index: 0);

        Assert.Equal("e03ead0935c95e80e166b16dd92b4eb4", Hex.Format(keystream.AsSpan(0x0000 * 16, 16)));
        Assert.Equal("d23513162b02d0f72a43a2fe4a5f97ab", Hex.Format(keystream.AsSpan(0x0001 * 16, 16)));
        Assert.Equal("41e95b3bb0a2e8dd477901e4fca894c0", Hex.Format(keystream.AsSpan(0x0002 * 16, 16)));
        Assert.Equal("ec8cdf7398607cb0f2d21675ea9ea1e4", Hex.Format(keystream.AsSpan(0xFEFF * 16, 16)));
        Assert.Equal("362b7c3c6773516318a077d7fc5073ae", Hex.Format(keystream.AsSpan(0xFF00 * 16, 16)));
        Assert.Equal("6a2cc3787889374fbeb4c81b17ba6c44", Hex.Format(keystream.AsSpan(0xFF01 * 16, 16)));
    }

    [Fact]
    public void B3_key_derivation()
    {
        byte[] masterKey = Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = Hex.Parse("0EC675AD498AFEEBB6960B3AABE6");

        var cipherKey = new byte[16];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, cipherKey);
        Assert.Equal("c61e7a93744f39ee10734afe3ff7a087", Hex.Format(cipherKey));

        var cipherSalt = new byte[14];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpSaltLabel, cipherSalt);
        Assert.Equal("30cbbc08863d8c85d49db34a9ae1", Hex.Format(cipherSalt));

        // The RFC prints 94 bytes of authentication keystream; SRTP uses the first 20.
        var authKey = new byte[94];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authKey);
        Assert.Equal(Hex.Format(Hex.Parse(@"
            CEBE321F6FF7716B6FD4AB49AF256A15
            6D38BAA48F0A0ACF3C34E2359E6CDBCE
            E049646C43D9327AD175578EF7227098
            6371C10C9A369AC2F94A8C5FBCDDDC25
            6D6E919A48B610EF17C2041E47403576
            6B68642C59BBFC2F34DB60DBDFB2")), Hex.Format(authKey));
    }

    [Fact]
    public void Whole_pipeline_matches_the_libsrtp_self_test_packet()
    {
        // libsrtp's srtp_validate known answer for AES_CM_128_HMAC_SHA1_80 with the B.3 master key
        // and salt: KDF, counter-mode IV from SSRC/index, and the ROC-appended HMAC all at once.
        using SrtpContext context = SrtpContext.Create(SrtpProfile.AesCm128HmacSha1_80,
            Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.Parse("0EC675AD498AFEEBB6960B3AABE6"));
        byte[] plain = Hex.Parse("800f1234 decafbad cafebabe abababab abababab abababab abababab");
        var buffer = new byte[plain.Length + 10];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, plain.Length, out int length));
        Assert.Equal(
            Hex.Format(Hex.Parse("800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb")),
            Hex.Format(buffer.AsSpan(0, length)));
    }

    [Fact]
    public void Srtcp_matches_the_libsrtp_self_test_packet()
    {
        // libsrtp's srtp_validate SRTCP known answer (first protected index 1): the E‖index word
        // sits before the 80-bit tag (RFC 3711 §3.4), and the tag covers it.
        using SrtpContext sender = SrtpContext.Create(SrtpProfile.AesCm128HmacSha1_80,
            Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.Parse("0EC675AD498AFEEBB6960B3AABE6"));
        sender.SetNextRtcpIndex(0xcafebabe, 1);
        byte[] plain = Hex.Parse("81c8000b cafebabe abababab abababab abababab abababab");
        var buffer = new byte[plain.Length + 14];
        plain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(buffer, plain.Length, out int length));
        string expected = Hex.Format(Hex.Parse("81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001 993e08cd 54d6c123 0798"));
        Assert.Equal(expected, Hex.Format(buffer.AsSpan(0, length)));

        using SrtpContext receiver = SrtpContext.Create(SrtpProfile.AesCm128HmacSha1_80,
            Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.Parse("0EC675AD498AFEEBB6960B3AABE6"));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(buffer.AsSpan(0, length), out int plainLength));
        Assert.Equal(Hex.Format(plain), Hex.Format(buffer.AsSpan(0, plainLength)));
    }
}
