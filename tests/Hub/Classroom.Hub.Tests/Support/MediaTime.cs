namespace Classroom.Hub.Tests.Support;

/// <summary>A plausible media time: the test lessons started five minutes ago.</summary>
public static class MediaTime
{
    public const long Now = 4 * 60_000;
}
