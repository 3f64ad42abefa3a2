using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsHash = Org.BouncyCastle.Tls.HashAlgorithm;

namespace Classroom.MediaRelay.Dtls;

/// <summary>Pieces both DTLS roles share: versions, suites, our signer and the peer-certificate pin.</summary>
internal static class DtlsSigning
{
    /// <summary>WebRTC peers use ECDSA certificates (RFC 8827 §6.5); AES-GCM suites keep DTLS cheap.</summary>
    public static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    public static readonly SignatureAndHashAlgorithm EcdsaSha256 = new(TlsHash.sha256, SignatureAlgorithm.ecdsa);

    public static List<SignatureAndHashAlgorithm> AcceptedPeerSignatures() =>
    [
        EcdsaSha256,
        new(TlsHash.sha384, SignatureAlgorithm.ecdsa),
        new(TlsHash.sha256, SignatureAlgorithm.rsa),
        SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
    ];

    public static TlsCredentialedSigner Signer(TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate) =>
        new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.PrivateKey,
            certificate.ToTlsCertificate(crypto), EcdsaSha256);

    /// <summary>
    /// Pins the peer's end-entity certificate to the SDP fingerprint (RFC 8122 §5): a mismatch
    /// aborts the handshake with bad_certificate, which closes the session.
    /// </summary>
    public static string CheckPeer(Certificate? peer, string? expectedFingerprint)
    {
        if (peer is null || peer.IsEmpty) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        var actual = DtlsFingerprint.Sha256(peer.GetCertificateAt(0).GetEncoded());
        if (expectedFingerprint is not null && !DtlsFingerprint.Matches(expectedFingerprint, actual))
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        return actual;
    }
}
