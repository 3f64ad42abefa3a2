using System.Net;
using Classroom.Server.Hosting;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Hosting;

/// <summary>The data folder and everything the real server writes into it are readable by the service account only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionsTests : IDisposable
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("classroom-modes-");

    public void Dispose() => _parent.Delete(recursive: true);

    [Fact]
    public async Task A_new_data_folder_is_0700_and_every_file_the_server_writes_is_0600_or_stricter()
    {
        var data = Path.Combine(_parent.FullName, "data");
        await RunServerAsync(data);

        Assert.Equal(DataFolderPermissions.FolderMode, File.GetUnixFileMode(data));
        var entries = Directory.GetFileSystemEntries(data, "*", SearchOption.AllDirectories);
        Assert.Contains(entries, e => e.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith(".pem", StringComparison.Ordinal));
        foreach (var entry in entries)
            Assert.True((File.GetUnixFileMode(entry) & GroupOrOther) == 0, $"{entry} is {File.GetUnixFileMode(entry)}");
    }

    [Fact]
    public async Task An_existing_data_folder_open_to_others_is_narrowed_to_0700()
    {
        var data = Path.Combine(_parent.FullName, "old");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, DataFolderPermissions.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await RunServerAsync(data);

        Assert.Equal(DataFolderPermissions.FolderMode, File.GetUnixFileMode(data));
    }

    /// <summary>Starts the real server (scheduler and hub roles) on <paramref name="data"/>, makes it write, stops it.</summary>
    private static async Task RunServerAsync(string data)
    {
        using var host = new SchedulerHost(dataFolder: data, roles: "scheduler,hub");
        using var admin = host.Admin();
        using var created = await admin.PostJsonAsync("/api/alliances", new { name = "权限测试联盟" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
