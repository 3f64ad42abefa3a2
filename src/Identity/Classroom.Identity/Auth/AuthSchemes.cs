namespace Classroom.Identity.Auth;

/// <summary>The authentication schemes of the identity component.</summary>
public static class AuthSchemes
{
    /// <summary>Default: picks the session cookie, a personal access token or a device credential per request.</summary>
    public const string Classroom = "classroom";

    /// <summary>"Authorization: Bearer cr_pat_…".</summary>
    public const string AccessToken = "pat";

    /// <summary>The device cookie, or "Authorization: Bearer cr_dev_…" for encoders.</summary>
    public const string Device = "device";

    public const string SessionCookie = "classroom.session";
    public const string DeviceCookie = "classroom.device";
    public const string AntiforgeryCookie = "classroom.csrf";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
}
