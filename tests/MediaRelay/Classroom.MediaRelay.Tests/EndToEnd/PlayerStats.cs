namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>What play.html's window.stats() returns (Playwright needs settable properties).</summary>
public sealed class PlayerStats
{
    public long FramesDecoded { get; set; }
    public long AudioPackets { get; set; }
    public int Width { get; set; }
    public string Codec { get; set; } = string.Empty;
    public string State { get; set; } = string.Empty;
    public int SenderReports { get; set; }
    public int FirstFrameMs { get; set; }

    public override string ToString() => $"frames={FramesDecoded} audioPackets={AudioPackets} width={Width} codec={Codec} senderReports={SenderReports} firstFrameMs={FirstFrameMs} state={State}";
}

/// <summary>What play.html's window.frameDiff() returns.</summary>
public sealed class FrameDiff
{
    public long Diff { get; set; }
    public long Lit { get; set; }

    public override string ToString() => $"diff={Diff} lit={Lit}";
}
