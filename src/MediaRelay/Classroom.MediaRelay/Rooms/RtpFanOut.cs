using System.Buffers.Binary;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Copies one decrypted publisher packet to every player: per player the PT and SSRC are
/// rewritten to what that player negotiated, sequence and timestamp kept continuous across
/// publishers, then the copy is SRTP-protected for that player and
/// sent. One scratch buffer per thread: no allocation per packet, no await on the path.
/// </summary>
internal static class RtpFanOut
{
    /// <summary>Room for the largest datagram plus the SRTP tag (16) and a margin.</summary>
    private const int ScratchSize = 2048;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Returns to how many players the packet went.</summary>
    public static int Forward(RelaySession[] players, NegotiatedTrack source, ReadOnlySpan<byte> packet)
    {
        var sent = 0;
        for (var i = 0; i < players.Length; i++)
        {
            if (ForwardTo(players[i], source, packet)) sent++;
        }

        return sent;
    }

    /// <summary>One packet to one player (also used to replay the keyframe cache to a joining player).</summary>
    public static bool ForwardTo(RelaySession player, NegotiatedTrack source, ReadOnlySpan<byte> packet)
    {
        if (packet.Length > ScratchSize - 64) return false;
        var track = player.TrackOfKind(source.Kind);
        var payloadType = track?.PayloadTypeFor(source.Primary) ?? -1;
        if (payloadType < 0) return false; // this player did not accept the publisher's codec
        var scratch = t_scratch ??= GC.AllocateUninitializedArray<byte>(ScratchSize);
        packet.CopyTo(scratch);
        var (sequence, timestamp) = track!.Outbound.Map(
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]), BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), (uint)source.Primary.ClockRate / 30);
        RtpRewriter.SetPayloadType(scratch, (byte)payloadType);
        RtpRewriter.SetSsrc(scratch, track.LocalSsrc);
        RtpRewriter.SetSequenceNumber(scratch, sequence);
        RtpRewriter.SetTimestamp(scratch, timestamp);
        player.SendRtp(scratch, packet.Length);
        player.Context.Counters.OnForwarded();
        player.Stats.OnSent(packet.Length);
        return true;
    }
}
