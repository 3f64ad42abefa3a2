using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Answers a player's generic NACKs (RFC 4585 §6.2.1) from the room's retransmission cache: each
/// named packet is mapped back to the publisher's sequence number, copied, rewritten for that
/// player exactly like the live packet (PT, SSRC, sequence, timestamp) and protected with the
/// player's SRTP context. RTX (RFC 4588) is not negotiated, so this is a plain retransmission on
/// the same SSRC and sequence number; the receiver's SRTP replay window accepts it because it
/// never received that index (RFC 3711 §3.3.2). A cold path: NACKs are rare next to packets.
/// </summary>
internal static class NackResponder
{
    /// <summary>Sequence numbers answered per NACK packet at most (a bigger burst is better served by a keyframe).</summary>
    private const int MaxPerNack = 256;

    private const int ScratchSize = 2048;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Handles every generic NACK in a player's compound RTCP; true when it held at least one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Answer(ReadOnlySpan<byte> compound, RelaySession player, CodecKey publisherCodec, RetransmissionCache cache, RoomCounters counters)
    {
        var found = false;
        var reader = new RtcpCompoundReader(compound);
        Span<ushort> lost = stackalloc ushort[MaxPerNack];
        while (reader.TryReadNext(out var packet))
        {
            if (!RtcpNack.TryRead(packet, out var nack)) continue;
            found = true;
            counters.OnNackReceived();
            player.Stats.OnNack();
            var track = player.TrackOfKind("video");
            if (track is null || nack.MediaSsrc != track.LocalSsrc) continue;
            var payloadType = track.PayloadTypeFor(publisherCodec);
            if (payloadType < 0) continue;
            var count = RtcpNack.GetLostSequenceNumbers(nack.Fci, lost);
            for (var i = 0; i < count; i++)
            {
                var length = Resend(player, track, (byte)payloadType, cache, lost[i]);
                if (length > 0)
                {
                    counters.OnRetransmitted();
                    counters.OnSent(1, length);
                    player.Stats.OnRetransmitted();
                }
                else counters.OnRetransmitMiss();
            }
        }

        return found;
    }

    private static int Resend(RelaySession player, NegotiatedTrack track, byte payloadType, RetransmissionCache cache, ushort playerSequence)
    {
        if (!track.Outbound.TryUnmap(playerSequence, out var ssrc, out var sequence)) return 0;
        var scratch = t_scratch ??= GC.AllocateUninitializedArray<byte>(ScratchSize);
        var length = cache.TryCopy(ssrc, sequence, scratch.AsSpan(0, ScratchSize - 64));
        if (length == 0 || !RtpHeader.TryRead(scratch.AsSpan(0, length), out var header)) return 0;
        var (mappedSequence, mappedTimestamp) = track.Outbound.MapAgain(sequence, header.Timestamp);
        if (mappedSequence != playerSequence) return 0;
        RtpRewriter.SetPayloadType(scratch, payloadType);
        RtpRewriter.SetSsrc(scratch, track.LocalSsrc);
        RtpRewriter.SetSequenceNumber(scratch, mappedSequence);
        RtpRewriter.SetTimestamp(scratch, mappedTimestamp);
        player.SendRtp(scratch, length);
        player.Stats.OnSent(length);
        return length;
    }
}
