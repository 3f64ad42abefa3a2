using System.Net;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Recording;

/// <summary>How a recorder run is stopped when no media comes any more (docs/recording.md "Stopping").</summary>
internal static class OpusSilence
{
    /// <summary>
    /// ffmpeg reads "q" only between input packets, and after the studio left none come (its
    /// RTP read then blocks for 10 s before it gives up; RTCP does not end the read, and a second
    /// SIGTERM interrupts its output writes too, leaving the playlist empty). So the recorder
    /// continues the audio stream by 20 ms of Opus silence (one packet, the next sequence number
    /// and timestamp after the last it forwarded) until ffmpeg has seen the "q", closed its last
    /// segment and exited.
    /// </summary>
    public static async Task KeepAwakeAsync(RecorderContext context, FfmpegProcess running, NegotiatedTrack? audio, int port)
    {
        if (audio is null || !audio.Outbound.TryGetLast(out var sequence, out var timestamp)) return;
        var packet = new byte[15];
        packet[0] = 0x80;
        packet[1] = (byte)audio.Codecs[0].PayloadType;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), audio.LocalSsrc);
        packet[12] = 0xF8; // Opus TOC: CELT fullband 20 ms, one frame (RFC 6716 §3.1) …
        packet[13] = 0xFF; // … holding silence
        packet[14] = 0xFE;
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var started = context.Time.GetTimestamp();
        while (!running.Exited.IsCompleted && context.Time.GetElapsedTime(started) < TimeSpan.FromSeconds(context.Options.StopSeconds))
        {
            sequence++;
            timestamp += 960;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
            try
            {
                context.SendSocket.SendTo(packet, target);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return; // ffmpeg is already gone
            }

            await Task.WhenAny(running.Exited, Task.Delay(100)).ConfigureAwait(false);
        }
    }
}
