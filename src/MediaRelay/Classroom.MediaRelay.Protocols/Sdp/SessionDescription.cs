namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// A parsed or to-be-written session description (RFC 8866 §5) with the session-level
/// attributes WebRTC uses (RFC 8829 JSEP §5.2): BUNDLE groups, ice-lite, ICE credentials and
/// DTLS fingerprint/setup when given at session level, msid-semantic, extmap-allow-mixed.
/// </summary>
public sealed class SessionDescription
{
    /// <summary>o= line.</summary>
    public SdpOrigin Origin { get; set; } = SdpOrigin.Create("0");

    /// <summary>s= line; JSEP uses "-".</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>t= line; "0 0" for WebRTC.</summary>
    public string Timing { get; set; } = "0 0";

    /// <summary>a=group lines.</summary>
    public List<SdpGroup> Groups { get; } = [];

    /// <summary>a=ice-lite (RFC 8839 §5.3): set by the relay on its answers.</summary>
    public bool IceLite { get; set; }

    /// <summary>Session-level a=ice-ufrag.</summary>
    public string? IceUfrag { get; set; }

    /// <summary>Session-level a=ice-pwd.</summary>
    public string? IcePwd { get; set; }

    /// <summary>Session-level a=ice-options.</summary>
    public string? IceOptions { get; set; }

    /// <summary>Session-level a=fingerprint.</summary>
    public SdpFingerprint? Fingerprint { get; set; }

    /// <summary>Session-level a=setup.</summary>
    public SdpSetupRole? Setup { get; set; }

    /// <summary>a=msid-semantic value (e.g. " WMS *").</summary>
    public string? MsidSemantic { get; set; }

    /// <summary>a=extmap-allow-mixed (RFC 8285 §6): one- and two-byte extension forms may mix.</summary>
    public bool ExtmapAllowMixed { get; set; }

    /// <summary>Session-level attributes not modelled above.</summary>
    public List<SdpAttribute> OtherAttributes { get; } = [];

    /// <summary>m= sections in order.</summary>
    public List<MediaDescription> Media { get; } = [];

    /// <summary>The BUNDLE group, if any (RFC 8843 §7).</summary>
    public SdpGroup? BundleGroup => Groups.FirstOrDefault(g => g.Semantics.Equals("BUNDLE", StringComparison.Ordinal));
}
