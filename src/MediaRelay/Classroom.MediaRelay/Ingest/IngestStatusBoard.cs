using System.Collections.Concurrent;
using Classroom.Contracts.Recordings;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// What the bridge knows per studio, for <c>GET /api/studios/{id}/ingest</c>. A push with a wrong
/// key cannot be told apart by studio (the key is what names the studio), so the last refusal of
/// an unknown key is shown on every studio's status, with the address it came from.
/// </summary>
internal sealed class IngestStatusBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Entry> _studios = new();
    private volatile Refusal? _unknownKey;

    public bool Listening { get; set; }

    public IngestPorts Ports { get; set; } = new(null, null);

    public Entry For(long studioId) => _studios.GetOrAdd(studioId, _ => new Entry());

    public void RefuseUnknownKey(string reason) => _unknownKey = new Refusal(reason, time.GetUtcNow());

    public void Refuse(long studioId, string reason) => For(studioId).LastRefusal = new Refusal(reason, time.GetUtcNow());

    public StudioIngestStatus StatusOf(long studioId)
    {
        var e = _studios.GetValueOrDefault(studioId);
        var refusal = Latest(e?.LastRefusal, _unknownKey);
        var feed = e?.Feed;
        return new StudioIngestStatus(Listening, feed is not null, feed?.Protocol, feed?.LessonId, feed?.ConnectedAt,
            feed?.BytesIn ?? 0, feed?.PacketsOut ?? 0, feed?.FfmpegRuns ?? 0,
            e?.LastExit?.Reason, e?.LastExit?.At, refusal?.Reason, refusal?.At);
    }

    private static Refusal? Latest(Refusal? a, Refusal? b) => a is null ? b : b is null ? a : a.At >= b.At ? a : b;

    internal sealed record Refusal(string Reason, DateTimeOffset At);

    internal sealed record Exit(string Reason, DateTimeOffset At);

    internal sealed class Entry
    {
        public volatile StudioFeed? Feed;
        public volatile Refusal? LastRefusal;
        public volatile Exit? LastExit;
    }
}
