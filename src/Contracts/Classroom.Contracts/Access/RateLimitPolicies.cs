namespace Classroom.Contracts.Access;

/// <summary>Names of the server's rate-limit policies (registered by the server, named by endpoints).</summary>
public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string DevicePairing = "device-pairing";
    public const string Kiosk = "kiosk";
    public const string MediaCreate = "media-create";
    public const string Import = "import";
    public const string Solve = "solve";
}
