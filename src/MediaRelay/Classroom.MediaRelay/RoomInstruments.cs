using System.Diagnostics.Metrics;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay;

/// <summary>
/// Per-room (tag <c>lesson</c>) and per-player (tags <c>lesson</c>, <c>player</c>) instruments on
/// the relay's meter, read from the rooms' and sessions' interlocked counters only when collected.
/// A room's series end with the room; per-player series are bounded by <c>MaxSessions</c>.
/// <c>player</c> is the player's join number in its room, never the resource id or an ICE ufrag:
/// those name a live session to whoever reads the scrape.
/// </summary>
internal static class RoomInstruments
{
    public static void Create(Meter meter, RouterRegistry rooms)
    {
        meter.CreateObservableCounter("relay.room.rtp.packets", () => PerRoom(rooms, c => c.Packets), "{packet}", "RTP packets sent to a room's players");
        meter.CreateObservableCounter("relay.room.rtp.bytes", () => PerRoom(rooms, c => c.Bytes), "By", "RTP bytes sent to a room's players");
        meter.CreateObservableCounter("relay.room.nack.received", () => PerRoom(rooms, c => c.NacksReceived), "{packet}", "Generic NACKs from a room's players");
        meter.CreateObservableCounter("relay.room.nack.answered", () => PerRoom(rooms, c => c.Retransmitted), "{packet}", "Packets retransmitted from the cache");
        meter.CreateObservableCounter("relay.room.nack.missed", () => PerRoom(rooms, c => c.RetransmitMisses), "{packet}", "NACKed packets no longer cached");
        meter.CreateObservableCounter("relay.room.nack.sent", () => PerRoom(rooms, c => c.NacksSent), "{packet}", "NACKs the relay sent the publisher");
        meter.CreateObservableCounter("relay.room.pli.received", () => PerRoom(rooms, c => c.KeyframeRequests), "{packet}", "PLI/FIR from a room's players");
        meter.CreateObservableCounter("relay.room.queue.skips", () => PerRoom(rooms, c => c.QueueSkips), "{event}", "Players that fell behind the queue bound and skipped to the next keyframe");
        meter.CreateObservableGauge("relay.room.players", () => rooms.All.Select(r => new Measurement<long>(r.PlayerCount, Lesson(r))), "{session}", "Live players");

        meter.CreateObservableCounter("relay.player.rtp.packets", () => PerPlayer(rooms, s => s.Packets), "{packet}", "RTP packets sent to a player");
        meter.CreateObservableCounter("relay.player.rtp.bytes", () => PerPlayer(rooms, s => s.Bytes), "By", "RTP bytes sent to a player");
        meter.CreateObservableCounter("relay.player.nack.received", () => PerPlayer(rooms, s => s.NacksReceived), "{packet}", "Generic NACKs from a player");
        meter.CreateObservableCounter("relay.player.nack.answered", () => PerPlayer(rooms, s => s.Retransmitted), "{packet}", "Packets retransmitted to a player");
        meter.CreateObservableCounter("relay.player.pli.received", () => PerPlayer(rooms, s => s.KeyframeRequests), "{packet}", "PLI/FIR from a player");
        meter.CreateObservableGauge("relay.player.queue.depth", () => PerFeed(rooms, f => f.QueueDepth), "{packet}", "Packets waiting to be sent to a player");
        meter.CreateObservableGauge("relay.player.layer", () => PerFeed(rooms, f => f.CurrentLayer), "{layer}", "Simulcast layer a player receives (0 = lowest, -1 = none yet)");
        meter.CreateObservableGauge("relay.player.layer.target", () => PerFeed(rooms, f => f.Producer is { } p ? p.EffectiveLayer(f.TargetLayer, f.Sink.MaxLayer) : f.TargetLayer), "{layer}", "Simulcast layer a player should receive");
        meter.CreateObservableCounter("relay.player.queue.skips", () => PerFeed(rooms, f => f.Skips), "{event}", "Times a player skipped to the next keyframe");
        meter.CreateObservableCounter("relay.player.lost", () => PerPlayer(rooms, s => s.CumulativeLost), "{packet}", "Video packets the player reports never received (after retransmission)");
        meter.CreateObservableGauge("relay.player.loss", () =>
            from r in rooms.All
            from p in r.Players
            where p.Stats.FractionLost is not null
            select new Measurement<double>(p.Stats.FractionLost!.Value, Lesson(r), Player(p)), "1", "Fraction of video lost in the player's last receiver report");
        meter.CreateObservableGauge("relay.player.rtt", () =>
            from r in rooms.All
            from p in r.Players
            where p.Stats.RoundTripSeconds is not null
            select new Measurement<double>(p.Stats.RoundTripSeconds!.Value, Lesson(r), Player(p)), "s", "Round-trip time from the player's receiver reports (RFC 3550 §6.4.1)");
    }

    private static IEnumerable<Measurement<long>> PerRoom(RouterRegistry rooms, Func<RoomCounters, long> value) =>
        rooms.All.Select(r => new Measurement<long>(value(r.Counters), Lesson(r)));

    private static IEnumerable<Measurement<long>> PerPlayer(RouterRegistry rooms, Func<SessionCounters, long> value) =>
        from r in rooms.All
        from p in r.Players
        select new Measurement<long>(value(p.Stats), Lesson(r), Player(p));

    private static IEnumerable<Measurement<long>> PerFeed(RouterRegistry rooms, Func<Consumer, long> value) =>
        from r in rooms.All
        from f in r.PrimaryConsumers
        select new Measurement<long>(value(f), Lesson(r), Player((RelaySession)f.Sink));

    private static KeyValuePair<string, object?> Lesson(Router room) => new("lesson", room.LessonId);

    private static KeyValuePair<string, object?> Player(RelaySession session) => new("player", session.PlayerNumber);
}
