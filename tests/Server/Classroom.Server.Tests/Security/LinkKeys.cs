using System.Net;
using System.Security.Cryptography;
using System.Text;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Security;

/// <summary>Resets link keys through the API and reads the key out of the one answer that carries it.</summary>
internal static class LinkKeys
{
    public static async Task<string> ResetKioskAsync(HttpClient admin, long classroomId) =>
        KeyOf((string)(await (await admin.PostAsync($"/api/classrooms/{classroomId}/kiosk-key", null)).ReadAsync(HttpStatusCode.OK))["kioskUrl"]!, "/k/");

    /// <summary>The new feed URL of a classroom ("classrooms") or a teacher ("teachers").</summary>
    public static async Task<string> ResetFeedAsync(HttpClient admin, string kind, long id) =>
        (string)(await (await admin.PostAsync($"/api/{kind}/{id}/feed-key", null)).ReadAsync(HttpStatusCode.OK))["feedUrl"]!;

    public static string KeyOf(string url, string marker = "?key=")
    {
        var at = url.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{url} carries no key after '{marker}'");
        return url[(at + marker.Length)..];
    }

    /// <summary>What the store should hold instead of the key: SHA-256 in lowercase hex, written here independently of the server's helper.</summary>
    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
