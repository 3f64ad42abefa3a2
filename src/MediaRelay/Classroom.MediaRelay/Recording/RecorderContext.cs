using System.Net.Sockets;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Transport;

namespace Classroom.MediaRelay.Recording;

/// <summary>What every recording of a relay shares: settings, clock, log, catalog, the loopback socket its sinks send from, and the recordings folder.</summary>
internal sealed record RecorderContext(
    RecordingOptions Options,
    TimeProvider Time,
    MediaRelayLog Log,
    IRecordingCatalog? Catalog,
    Socket SendSocket,
    RelayCounters Counters,
    string Root)
{
    /// <summary>Folders of recordings: owner only (ARCHITECTURE.md "Privacy and security": minors' faces and voices).</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, FolderMode);
    }
}
