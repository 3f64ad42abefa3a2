using System.Runtime.InteropServices;

namespace Classroom.Server.Hosting;

/// <summary>
/// The data folder holds minors' data and signing keys: only the service account may read it
/// (ARCHITECTURE.md "Privacy and security"). The process umask is set to 0077 before the first
/// file is created, so every file SQLite, the key store, the recorder or ffmpeg (which inherits
/// the umask) writes is 0600 and every folder 0700, whatever code creates them.
/// </summary>
public static class DataFolderPermissions
{
    /// <summary>rwx for the owner only (0700).</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The umask that clears every group and other bit (0077).</summary>
    public const uint PrivateUmask = 0x3F;

    /// <summary>Sets the process umask to 0077 (Linux only; elsewhere a no-op). Returns the previous mask, or null when not set.</summary>
    public static uint? RestrictUmask() => OperatingSystem.IsLinux() ? umask(PrivateUmask) : null;

    /// <summary>
    /// Restricts the umask, creates <paramref name="folder"/> as 0700, and narrows an existing
    /// folder with wider bits (a data folder made by an older version or by hand) to 0700.
    /// </summary>
    public static void CreatePrivateFolder(string folder)
    {
        RestrictUmask();
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, FolderMode);
        if ((File.GetUnixFileMode(folder) & ~FolderMode) != 0) File.SetUnixFileMode(folder, FolderMode);
    }

    // mode_t umask(mode_t mask); mode_t is a 32-bit unsigned int on Linux. It cannot fail.
    [DllImport("libc", EntryPoint = "umask", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks in the server project for one blittable call.
    private static extern uint umask(uint mask);
#pragma warning restore SYSLIB1054
}
