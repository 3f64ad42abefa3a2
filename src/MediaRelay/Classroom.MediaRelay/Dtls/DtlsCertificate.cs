using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto;

namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// The relay's DTLS identity: an ECDSA P-256 self-signed certificate made at start. WebRTC peers
/// do not trust a CA; they pin the SHA-256 fingerprint carried in SDP (RFC 8122 §5, RFC 8827 §6.5).
/// </summary>
public sealed class DtlsCertificate
{
    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        Der = der;
        PrivateKey = privateKey;
        Fingerprint = DtlsFingerprint.Sha256(der);
    }

    /// <summary>The certificate in DER form.</summary>
    public byte[] Der { get; }

    /// <summary>The private key in BouncyCastle form, for the TLS signer.</summary>
    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>"AB:CD:..." upper-case SHA-256 of <see cref="Der"/>, as in <c>a=fingerprint:sha-256</c>.</summary>
    public string Fingerprint { get; }

    /// <summary>Creates a fresh key pair and a certificate valid from a day ago for 30 days.</summary>
    public static DtlsCertificate Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=classroom-relay", key, HashAlgorithmName.SHA256);
        var now = time.GetUtcNow();
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var bcKey = PrivateKeyFactory.CreateKey(key.ExportPkcs8PrivateKey());
        return new DtlsCertificate(cert.RawData, bcKey);
    }

    private ParsedChain? _chain;

    /// <summary>
    /// The certificate chain BouncyCastle sends in the Certificate message: parsed once per crypto
    /// provider (a handshaker has one) and shared by all its handshakes, not re-parsed per join.
    /// </summary>
    internal Org.BouncyCastle.Tls.Certificate ToTlsCertificate(TlsCrypto crypto)
    {
        if (Volatile.Read(ref _chain) is { } cached && ReferenceEquals(cached.Crypto, crypto)) return cached.Chain;
        var chain = new Org.BouncyCastle.Tls.Certificate([crypto.CreateCertificate(Der)]);
        Volatile.Write(ref _chain, new ParsedChain(crypto, chain));
        return chain;
    }

    private sealed record ParsedChain(TlsCrypto Crypto, Org.BouncyCastle.Tls.Certificate Chain);
}
