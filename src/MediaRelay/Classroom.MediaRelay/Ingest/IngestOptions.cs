using System.ComponentModel.DataAnnotations;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// The RTMP/SRT bridge for hardware recording hosts (configuration section "MediaRelay:Ingest",
/// docs/ingest.md). Off by default: it opens public TCP/UDP ports.
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "MediaRelay:Ingest";

    public bool Enabled { get; set; }

    /// <summary>Address the public RTMP/SRT ports bind to; empty: the relay's MediaRelay:BindAddress.</summary>
    public string? BindAddress { get; set; }

    /// <summary>The one public RTMP port; hosts push to rtmp://host:port/live/{stream key} (0: any free port, for tests).</summary>
    [Range(0, 65535)]
    public int RtmpPort { get; set; } = 1935;

    /// <summary>The one public SRT port; hosts push with streamid={stream key} (-1: no SRT).</summary>
    [Range(-1, 65535)]
    public int SrtPort { get; set; } = 9000;

    /// <summary>The ffmpeg executable (Debian's ffmpeg 5.1: libx264, libopus, libsrt).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Time a new connection has to prove its key (handshake, connect, publish).</summary>
    [Range(1, 120)]
    public int AuthTimeoutSeconds { get; set; } = 10;

    /// <summary>Connections still proving their key at once; more are closed at accept.</summary>
    [Range(1, 1024)]
    public int MaxPendingConnections { get; set; } = 16;

    /// <summary>Largest media message (one video frame) a publisher may send.</summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 8 * 1024 * 1024;
}
