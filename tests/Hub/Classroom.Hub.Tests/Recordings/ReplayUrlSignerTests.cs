using System.Security.Cryptography;
using Classroom.Hub.Recordings;

namespace Classroom.Hub.Tests.Recordings;

public sealed class ReplayUrlSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly ReplayUrlSigner _signer = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_signed_token_names_its_recording_until_it_expires()
    {
        var token = _signer.Sign("rec-1", Now.AddHours(2));
        Assert.True(_signer.TryValidate(token, Now.AddHours(2).AddSeconds(-1), out var id, out _));
        Assert.Equal("rec-1", id);
        Assert.False(_signer.TryValidate(token, Now.AddHours(2), out _, out var reason));
        Assert.Equal("expired", reason);
    }

    [Fact]
    public void A_token_signed_with_another_key_or_changed_is_refused()
    {
        var token = _signer.Sign("rec-1", Now.AddHours(2));
        Assert.False(new ReplayUrlSigner(RandomNumberGenerator.GetBytes(32)).TryValidate(token, Now, out _, out var reason));
        Assert.Equal("signature", reason);
        var other = _signer.Sign("rec-2", Now.AddHours(2));
        var spliced = other.Split('.')[0] + "." + token.Split('.')[1];
        Assert.False(_signer.TryValidate(spliced, Now, out _, out _));
        foreach (var bad in new[] { "", ".", "abc", "a.b", token + "x", new string('A', 500) })
            Assert.False(_signer.TryValidate(bad, Now, out _, out _), bad);
    }

    [Theory]
    [InlineData("camera.m3u8", true)]
    [InlineData("run-1/seg_00001.m4s", true)]
    [InlineData("run-2/init.mp4", true)]
    [InlineData("poster.jpg", true)]
    [InlineData("../rec-2/camera.m3u8", false)]
    [InlineData("run-1/../../x.m3u8", false)]
    [InlineData("/etc/passwd.m3u8", false)]
    [InlineData("manifest.json", false)]
    [InlineData(".camera.m3u8", false)]
    [InlineData("a/b/c.m4s", false)]
    [InlineData("run-1\\seg.m4s", false)]
    public void Only_media_files_inside_the_recordings_folder_are_servable(string relative, bool servable)
    {
        var files = new RecordingFiles("/srv/data");
        var path = files.Resolve("rec-1", relative);
        Assert.Equal(servable, path is not null);
        if (path is not null) Assert.StartsWith("/srv/data/recordings/rec-1/", path, StringComparison.Ordinal);
    }
}
