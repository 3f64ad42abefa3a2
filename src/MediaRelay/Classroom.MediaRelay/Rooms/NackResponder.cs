using System.Runtime.CompilerServices;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Answers a player's generic NACKs (RFC 4585 §6.2.1) from the ring of the producer its NACKed
/// track shows: each lost sequence number of the player's stream is mapped back to the source packet it came from,
/// copied, rewritten exactly as it was when first sent, and protected with the player's SRTP
/// context. Runs on the thread that received the player's RTCP; sends directly (a NACK is rare
/// next to the fan-out).
/// </summary>
internal static class NackResponder
{
    private const int MaxPerNack = 256;

    /// <summary>Reported loss above which retransmissions are sent twice.</summary>
    private const double LossyLeg = 0.02;

    /// <summary>Reported loss above which the leg is treated as congested (no doubled retransmissions).</summary>
    private const double CongestedLeg = 0.10;

    private const int ScratchSize = 2048;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Handles every generic NACK in a player's compound RTCP; true when it held at least one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Answer(ReadOnlySpan<byte> compound, IConsumerSink player, Consumer[] consumers, RoomCounters counters, long nowTicks)
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
            var (consumer, track) = Showing(consumers, nack.MediaSsrc);
            if (consumer?.Served?.Producer is not { } producer || track is null) continue;
            var count = RtcpNack.GetLostSequenceNumbers(nack.Fci, lost);
            for (var i = 0; i < count; i++)
            {
                var length = Resend(player, consumer, track, producer, lost[i], nowTicks);
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

    /// <summary>The consumer and video track a player's media SSRC belongs to.</summary>
    private static (Consumer? Consumer, NegotiatedTrack? Track) Showing(Consumer[] consumers, uint mediaSsrc)
    {
        foreach (var consumer in consumers)
        {
            if (consumer.Plan.Video is { } video && video.LocalSsrc == mediaSsrc) return (consumer, video);
            if (consumer.Plan.SecondVideo is { } second && second.LocalSsrc == mediaSsrc) return (consumer, second);
        }

        return (null, null);
    }

    [ThreadStatic]
    private static byte[]? t_rtx;

    private static int Resend(IConsumerSink player, Consumer consumer, NegotiatedTrack track, Producer producer, ushort playerSequence, long nowTicks)
    {
        if (!track.Outbound.TryUnmap(playerSequence, out var ssrc, out var sequence)) return 0;
        var stream = producer.KnownStreamOf(ssrc);
        var ring = producer.Ring;
        var position = ring.Find(stream, ssrc, sequence);
        if (position < 0) return 0;
        var entry = ring.EntryAt(position);
        if (entry.Source is not { } source) return 0;
        var codec = source.Primary;
        var payloadType = track.PayloadTypeFor(codec);
        if (payloadType < 0) return 0;
        var scratch = t_scratch ??= GC.AllocateUninitializedArray<byte>(ScratchSize);
        var length = ring.CopyTo(position, entry, scratch.AsSpan(0, ScratchSize - 64));
        if (length == 0) return 0;
        var (mappedSequence, mappedTimestamp) = track.Outbound.MapAgain(ssrc, sequence, entry.Timestamp);
        if (mappedSequence != playerSequence) return 0;
        length = PacketRewrite.Finish(scratch, length, track, (byte)payloadType, mappedSequence, mappedTimestamp, nowTicks);
        if (length <= 0) return 0;

        // RTX (RFC 4588) when the player negotiated it: the original packet wrapped on the RTX
        // SSRC with its own sequence, so the player's loss and jitter statistics stay clean.
        // On a leg that loses between 2 and 10 % of its packets (the player's own receiver reports:
        // random loss on a poor line) the retransmission goes out twice: a lost retransmission costs
        // another round trip, which on a 150 ms rural leg turns a short stall into a visible freeze.
        // Above 10 % the loss is congestion: the layer selector moves the player down, and doubled
        // retransmissions would only add to the queue.
        var rtxPayloadType = track.RtxPayloadTypeFor(codec);
        if (rtxPayloadType >= 0 && track.RtxSsrc != 0)
        {
            var rtx = t_rtx ??= GC.AllocateUninitializedArray<byte>(ScratchSize);
            var copies = player.Stats.FractionLost is > LossyLeg and <= CongestedLeg ? 2 : 1;
            var sent = 0;
            for (var copy = 0; copy < copies; copy++)
            {
                var n = RtxPacket.Write(scratch.AsSpan(0, length), rtx.AsSpan(0, ScratchSize - 64), (byte)rtxPayloadType, track.RtxSsrc, consumer.NextRtxSequence());
                if (n <= 0) return 0;
                player.SendRtp(rtx, n);
                player.Stats.OnSent(n);
                sent = n;
            }

            return sent;
        }

        player.SendRtp(scratch, length);
        player.Stats.OnSent(length);
        return length;
    }
}
