namespace Classroom.Contracts.Tokens;

/// <summary>Names shared by the token issuer (scheduler) and every validator.</summary>
public static class JoinTokenConstants
{
    public const string Issuer = "classroom-scheduler";
    public const string Audience = "classroom";

    /// <summary>Private signing key (PKCS#8 PEM), written by the scheduler on first start.</summary>
    public const string PrivateKeyFileName = "join-token-signing.key.pem";

    /// <summary>Public key (SubjectPublicKeyInfo PEM) other services use to validate offline.</summary>
    public const string PublicKeyFileName = "join-token-signing.pub.pem";

    /// <summary>Folder under the data folder that holds the key files.</summary>
    public const string KeyFolder = "keys";

    /// <summary>Clock skew tolerated between machines when checking exp/nbf.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);
}
