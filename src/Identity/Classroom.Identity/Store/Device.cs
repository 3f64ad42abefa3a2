namespace Classroom.Identity.Store;

/// <summary>What kind of machine a device is.</summary>
public enum DeviceKind
{
    /// <summary>A member classroom's projector PC (kiosk page).</summary>
    Classroom,

    /// <summary>A lead school's studio encoder (browser studio page or hardware host).</summary>
    Studio,
}

/// <summary>An enrolled device: its own credential (hash only), bound to one classroom or studio, revocable.</summary>
public sealed class Device
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DeviceKind Kind { get; set; }
    public long AllianceId { get; set; }
    public long SchoolId { get; set; }
    public long? ClassroomId { get; set; }
    public long? StudioId { get; set; }
    public required string SecretHash { get; set; }
    public long CreatedUtcTicks { get; set; }
    public required string EnrolledBy { get; set; }
    public long? RevokedUtcTicks { get; set; }
    public long? LastSeenUtcTicks { get; set; }
}

/// <summary>
/// A device asking to be enrolled: it shows <c>Code</c> on its screen and polls with its own
/// secret; an admin of the school types the code in. Both are stored as hashes.
/// </summary>
public sealed class PairingRequest
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the short code the device shows (unique while pending).</summary>
    public required string CodeHash { get; set; }

    /// <summary>SHA-256 of the secret only the device holds; it claims the credential with it.</summary>
    public required string PollSecretHash { get; set; }

    public long CreatedUtcTicks { get; set; }
    public long ExpiresUtcTicks { get; set; }

    /// <summary>Set when an admin approved the code.</summary>
    public long? DeviceId { get; set; }

    /// <summary>The device credential, readable once by the device (then cleared). Encrypted by data protection.</summary>
    public string? PendingCredential { get; set; }
}
