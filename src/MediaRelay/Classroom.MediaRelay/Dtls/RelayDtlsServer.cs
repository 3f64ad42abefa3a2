using Classroom.MediaRelay.Protocols.Srtp;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// DTLS 1.2 server with <c>use_srtp</c> (RFC 5764). Requires the client certificate and checks it
/// against the SDP fingerprint; prefers AEAD_AES_128_GCM (RFC 7714) over AES_CM_128_HMAC_SHA1_80.
/// </summary>
internal sealed class RelayDtlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, string? expectedFingerprint, int timeoutMillis)
    : DefaultTlsServer(crypto)
{
    private SrtpProfile _profile;
    private string? _peerFingerprint;

    public DtlsOutcome? Outcome { get; private set; }

    public override int GetHandshakeTimeoutMillis() => timeoutMillis;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsSigning.CipherSuites;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        DtlsSigning.Signer(m_context, crypto, certificate);

    public override CertificateRequest GetCertificateRequest() =>
        new([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], DtlsSigning.AcceptedPeerSignatures(), null);

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        _peerFingerprint = DtlsSigning.CheckPeer(clientCertificate, expectedFingerprint);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var srtp = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure);
        _profile = SrtpProfiles.Choose(srtp.ProtectionProfiles) ?? throw new TlsFatalAlert(AlertDescription.handshake_failure);
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)_profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        if (_peerFingerprint is null) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        var material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, _profile.KeyingMaterialLength());
        Outcome = new DtlsOutcome(_profile, material, _peerFingerprint);
    }
}
