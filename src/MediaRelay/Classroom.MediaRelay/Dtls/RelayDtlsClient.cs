using Classroom.MediaRelay.Protocols.Srtp;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// DTLS 1.2 client with <c>use_srtp</c>: used by tests, the load tool and relay-to-relay cascades.
/// Offers GCM first; pins the server certificate to the SDP fingerprint.
/// </summary>
internal sealed class RelayDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, string? expectedFingerprint, int timeoutMillis, int[] profiles)
    : DefaultTlsClient(crypto)
{
    private readonly BcTlsCrypto _crypto = crypto;
    private readonly DtlsCertificate _certificate = certificate;
    private readonly string? _expectedFingerprint = expectedFingerprint;
    private SrtpProfile _profile;
    private string? _peerFingerprint;

    public DtlsOutcome? Outcome { get; private set; }

    public override int GetHandshakeTimeoutMillis() => timeoutMillis;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => DtlsSigning.CipherSuites;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(profiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        var srtp = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure);
        if (srtp.ProtectionProfiles.Length != 1 || Array.IndexOf(profiles, srtp.ProtectionProfiles[0]) < 0)
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        _profile = (SrtpProfile)srtp.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        if (_peerFingerprint is null) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        var material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, _profile.KeyingMaterialLength());
        Outcome = new DtlsOutcome(_profile, material, _peerFingerprint);
    }

    private sealed class Authentication(RelayDtlsClient owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            owner._peerFingerprint = DtlsSigning.CheckPeer(serverCertificate.Certificate, owner._expectedFingerprint);

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            DtlsSigning.Signer(owner.m_context, owner._crypto, owner._certificate);
    }
}
