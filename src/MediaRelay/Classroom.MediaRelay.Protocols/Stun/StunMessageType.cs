namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// The message types ICE uses (RFC 8489 §5, §18.2: method Binding = 0x001 combined with the
/// request / indication / success / error class bits).
/// </summary>
public enum StunMessageType : ushort
{
    /// <summary>Binding request: connectivity check or consent freshness (RFC 7675).</summary>
    BindingRequest = 0x0001,

    /// <summary>Binding indication: keepalive, needs no answer.</summary>
    BindingIndication = 0x0011,

    /// <summary>Binding success response.</summary>
    BindingSuccessResponse = 0x0101,

    /// <summary>Binding error response.</summary>
    BindingErrorResponse = 0x0111,
}
