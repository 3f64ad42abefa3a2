using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Rooms;

/// <summary>
/// Copies one decrypted publisher packet to every player: per player the PT and SSRC are
/// rewritten to what that player negotiated, then the copy is SRTP-protected for that player and
/// sent. One scratch buffer per thread: no allocation per packet, no await on the path.
/// </summary>
internal static class RtpFanOut
{
    /// <summary>Room for the largest datagram plus the SRTP tag (16) and a margin.</summary>
    private const int ScratchSize = 2048;

    [ThreadStatic]
    private static byte[]? t_scratch;

    public static void Forward(RelaySession[] players, NegotiatedTrack source, ReadOnlySpan<byte> packet)
    {
        if (players.Length == 0 || packet.Length > ScratchSize - 64) return;
        var scratch = t_scratch ??= GC.AllocateUninitializedArray<byte>(ScratchSize);
        foreach (var player in players)
        {
            var track = player.TrackOfKind(source.Kind);
            var payloadType = track?.PayloadTypeFor(source.Primary) ?? -1;
            if (payloadType < 0) continue; // this player did not accept the publisher's codec
            packet.CopyTo(scratch);
            RtpRewriter.SetPayloadType(scratch, (byte)payloadType);
            RtpRewriter.SetSsrc(scratch, track!.LocalSsrc);
            player.SendRtp(scratch, packet.Length);
            player.Context.Counters.OnForwarded();
        }
    }
}
