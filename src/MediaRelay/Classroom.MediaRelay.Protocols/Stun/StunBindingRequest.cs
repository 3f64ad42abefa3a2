namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>What a client-side connectivity check carries (RFC 8445 §7.2.2).</summary>
public readonly ref struct StunBindingRequest
{
    /// <summary>12 random bytes.</summary>
    public ReadOnlySpan<byte> TransactionId { get; init; }

    /// <summary>"remoteUfrag:localUfrag".</summary>
    public string Username { get; init; }

    /// <summary>The remote peer's ICE password bytes (the HMAC key).</summary>
    public ReadOnlySpan<byte> Password { get; init; }

    /// <summary>PRIORITY of the would-be peer-reflexive candidate.</summary>
    public uint Priority { get; init; }

    /// <summary>True for ICE-CONTROLLING (browsers facing an ICE-lite peer always control).</summary>
    public bool Controlling { get; init; }

    /// <summary>Role-conflict tie-breaker.</summary>
    public ulong TieBreaker { get; init; }

    /// <summary>Nominate the pair (aggressive or regular nomination).</summary>
    public bool UseCandidate { get; init; }
}
