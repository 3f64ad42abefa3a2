namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>a=sendrecv / sendonly / recvonly / inactive (RFC 8866 §6.7).</summary>
public enum SdpDirection
{
    /// <summary>Both ways (the default when absent).</summary>
    SendRecv,

    /// <summary>The describing side only sends.</summary>
    SendOnly,

    /// <summary>The describing side only receives.</summary>
    RecvOnly,

    /// <summary>Neither.</summary>
    Inactive,
}

/// <summary>a=setup (RFC 4145 §4, RFC 8842 §5): which side starts DTLS.</summary>
public enum SdpSetupRole
{
    /// <summary>Offerer lets the answerer choose.</summary>
    ActPass,

    /// <summary>DTLS client.</summary>
    Active,

    /// <summary>DTLS server (what the relay answers).</summary>
    Passive,

    /// <summary>Hold the connection.</summary>
    HoldConn,
}

/// <summary>a=fingerprint (RFC 8122 §5): hash function name and colon-separated hex.</summary>
public sealed record SdpFingerprint(string Algorithm, string Value);

/// <summary>a=group (RFC 5888): semantics (BUNDLE, LS) and the mids it groups.</summary>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids);

/// <summary>o= line (RFC 8866 §5.2).</summary>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>The origin JSEP uses: "- id version IN IP4 127.0.0.1".</summary>
    public static SdpOrigin Create(string sessionId, string sessionVersion = "2") => new("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1");
}

/// <summary>An attribute this model does not interpret, kept verbatim for round trips.</summary>
public sealed record SdpAttribute(string Name, string? Value);

/// <summary>Helpers to map enum values to and from SDP tokens.</summary>
public static class SdpTokens
{
    /// <summary>"sendrecv" etc.</summary>
    public static string ToToken(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>"actpass" etc.</summary>
    public static string ToToken(this SdpSetupRole role) => role switch
    {
        SdpSetupRole.Active => "active",
        SdpSetupRole.Passive => "passive",
        SdpSetupRole.HoldConn => "holdconn",
        _ => "actpass",
    };

    /// <summary>Parses a setup token.</summary>
    public static bool TryParseSetup(string token, out SdpSetupRole role)
    {
        switch (token)
        {
            case "actpass": role = SdpSetupRole.ActPass; return true;
            case "active": role = SdpSetupRole.Active; return true;
            case "passive": role = SdpSetupRole.Passive; return true;
            case "holdconn": role = SdpSetupRole.HoldConn; return true;
            default: role = default; return false;
        }
    }

    /// <summary>The answer's direction for an offered one, given whether the answerer has media to send.</summary>
    public static SdpDirection Reverse(this SdpDirection offered, bool canSend) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => canSend ? SdpDirection.SendOnly : SdpDirection.Inactive,
        SdpDirection.SendRecv => canSend ? SdpDirection.SendRecv : SdpDirection.RecvOnly,
        _ => SdpDirection.Inactive,
    };
}
