namespace Classroom.MediaRelay.Ingest.Rtmp;

/// <summary>Message type ids of RTMP 1.0 (§5.4, §7.1) that the ingest front reads or writes.</summary>
internal static class RtmpMessageType
{
    public const byte SetChunkSize = 1, Abort = 2, Acknowledgement = 3, UserControl = 4, WindowAckSize = 5, SetPeerBandwidth = 6;
    public const byte Audio = 8, Video = 9, DataAmf0 = 18, CommandAmf0 = 20;
}

/// <summary>One reassembled RTMP message: type, message stream id, absolute timestamp (ms) and body.</summary>
internal sealed record RtmpMessage(byte Type, uint StreamId, uint Timestamp, byte[] Body);
