namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// Master keys and salts for both directions, as the DTLS-SRTP exporter hands them out.
/// RFC 5764 §4.2: the exported block is client_write_SRTP_master_key | server_write_SRTP_master_key
/// | client_write_SRTP_master_salt | server_write_SRTP_master_salt. "Local" is what this side
/// protects with, "remote" what it unprotects with.
/// </summary>
public sealed class SrtpKeys
{
    private SrtpKeys(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt)
    {
        Profile = profile;
        LocalMasterKey = localKey;
        LocalMasterSalt = localSalt;
        RemoteMasterKey = remoteKey;
        RemoteMasterSalt = remoteSalt;
    }

    /// <summary>The negotiated profile.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Master key for what this side sends.</summary>
    public ReadOnlyMemory<byte> LocalMasterKey { get; }

    /// <summary>Master salt for what this side sends.</summary>
    public ReadOnlyMemory<byte> LocalMasterSalt { get; }

    /// <summary>Master key for what the peer sends.</summary>
    public ReadOnlyMemory<byte> RemoteMasterKey { get; }

    /// <summary>Master salt for what the peer sends.</summary>
    public ReadOnlyMemory<byte> RemoteMasterSalt { get; }

    /// <summary>Splits exported keying material (60 bytes for AES-CM, 56 for GCM).</summary>
    /// <param name="material">Output of the DTLS exporter with label "EXTRACTOR-dtls_srtp".</param>
    /// <param name="profile">The profile use_srtp selected.</param>
    /// <param name="isServer">True on the DTLS server side (the relay, setup:passive).</param>
    public static SrtpKeys FromDtlsExport(ReadOnlySpan<byte> material, SrtpProfile profile, bool isServer)
    {
        int keyLength = profile.MasterKeyLength();
        int saltLength = profile.MasterSaltLength();
        if (material.Length != profile.KeyingMaterialLength())
        {
            throw new ArgumentException($"Expected {profile.KeyingMaterialLength()} bytes of keying material for {profile}, got {material.Length}.", nameof(material));
        }

        byte[] clientKey = material[..keyLength].ToArray();
        byte[] serverKey = material.Slice(keyLength, keyLength).ToArray();
        byte[] clientSalt = material.Slice(2 * keyLength, saltLength).ToArray();
        byte[] serverSalt = material.Slice((2 * keyLength) + saltLength, saltLength).ToArray();
        return isServer
            ? new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt)
            : new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt);
    }

    /// <summary>Context that protects what this side sends.</summary>
    public SrtpContext CreateOutboundContext() =>
        SrtpContext.Create(Profile, LocalMasterKey.Span, LocalMasterSalt.Span);

    /// <summary>Context that unprotects what the peer sends.</summary>
    public SrtpContext CreateInboundContext() =>
        SrtpContext.Create(Profile, RemoteMasterKey.Span, RemoteMasterSalt.Span);
}
