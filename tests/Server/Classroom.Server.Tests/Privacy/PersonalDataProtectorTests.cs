using System.Security.Cryptography;
using Classroom.Contracts.Privacy;

namespace Classroom.Server.Tests.Privacy;

public sealed class PersonalDataProtectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("classroom-privacy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_name_round_trips_and_the_same_name_is_stored_differently_each_time()
    {
        var protector = PersonalDataProtector.LoadOrCreate(_folder);

        var first = protector.Protect("欧阳明月");
        var second = protector.Protect("欧阳明月");

        Assert.StartsWith("v1:", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal("欧阳明月", protector.Unprotect(first));
        Assert.Equal("欧阳明月", protector.Unprotect(second));
        Assert.Equal("", protector.Unprotect(protector.Protect("")));
        Assert.True(first.Length <= PersonalDataProtector.MaxStoredLength(4));
    }

    [Fact]
    public void The_key_file_is_created_once_readable_by_the_owner_only_and_loaded_again_after_a_restart()
    {
        var stored = PersonalDataProtector.LoadOrCreate(_folder).Protect("司马小雨");

        var path = PersonalDataProtector.KeyPath(_folder);
        Assert.Equal(32, new FileInfo(path).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("司马小雨", PersonalDataProtector.LoadOrCreate(_folder).Unprotect(stored));
    }

    [Fact]
    public void Another_key_or_a_changed_value_cannot_be_read_and_a_value_from_before_encryption_passes_through()
    {
        var stored = PersonalDataProtector.LoadOrCreate(_folder).Protect("诸葛青青");
        var other = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32));
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => PersonalDataProtector.LoadOrCreate(_folder).Unprotect("v1:" + Convert.ToBase64String(bytes)));
        Assert.Equal("张三", other.Unprotect("张三"));
    }
}
