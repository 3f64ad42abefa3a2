namespace Classroom.Identity.Store;

/// <summary>A personal access token for scripts: shown once, stored as a hash, revocable by its owner or an admin.</summary>
public sealed class AccessToken
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }
    public long CreatedUtcTicks { get; set; }
    public long ExpiresUtcTicks { get; set; }
    public long? RevokedUtcTicks { get; set; }
}

/// <summary>A one-time link that lets a person set their password (first admin, admin resets). Stored as a hash.</summary>
public sealed class EnrolmentCode
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string SecretHash { get; set; }
    public long ExpiresUtcTicks { get; set; }
    public long? UsedUtcTicks { get; set; }
}
