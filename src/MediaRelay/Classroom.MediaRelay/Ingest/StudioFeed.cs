using System.Globalization;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Ingest.Rtmp;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Rooms;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// One authenticated hardware host feeding its studio's lesson: the host's FLV goes to a
/// supervised ffmpeg (H.264 copied, AAC → Opus, plain RTP) whose output is a
/// <see cref="PlainRtpSource"/> attached as the lesson's <c>studio</c> producer, exactly where a
/// browser studio's WHIP session would be. Every second it asks the scheduler which lesson the
/// studio holds and moves the source there (or off, between lessons), and re-attaches when the
/// lesson's router was closed and made anew.
/// </summary>
internal sealed class StudioFeed : IAsyncDisposable
{
    public const int VideoPayloadType = 106, AudioPayloadType = 111;

    /// <summary>What every bridged studio is declared as: Opus, and H.264 packetization mode 1 as browsers offer it (docs/ingest.md).</summary>
    private static readonly NegotiatedTrack[] Tracks =
    [
        new("audio", "0", [new SdpCodec(AudioPayloadType, "opus", 48000, 2, "minptime=10;useinbandfec=1", [])], 0, []),
        new("video", "1", [new SdpCodec(VideoPayloadType, "H264", 90000, null, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", [])], 0, []),
    ];

    private readonly StudioIngestTarget _studio;
    private readonly RouterRegistry _rooms;
    private readonly IStudioIngestDirectory _directory;
    private readonly TimeProvider _time;
    private readonly IngestStatusBoard.Entry _status;
    private readonly IngestLog _log;
    private readonly FlvPipe _pipe = new();
    private readonly FfmpegSupervisor _ffmpeg;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    // Each ffmpeg run sends under new SSRCs (RFC 3550 §8: a restarted sender is a new source). Its RTP
    // sequence numbers start afresh at random; under the old SSRC a start behind the last packet sent
    // read as old to every player (SRTP replay window) until it caught up: up to a minute of silence.
    private uint _ssrc;
    private Task? _follow;
    private PlainRtpSource? _source;
    private (Router Router, Producer Producer)? _attached;
    private int _flvPort;
    private readonly int? _srtListenPort;
    private long _bytesIn;

    /// <param name="srtListenPort">For SRT: the loopback port each ffmpeg run listens on for the host's SRT (relayed by <see cref="SrtFront"/>); null: RTMP, fed as FLV.</param>
    public StudioFeed(StudioIngestTarget studio, string protocol, string? lessonId, RouterRegistry rooms, IStudioIngestDirectory directory,
        IngestOptions options, TimeProvider time, IngestStatusBoard.Entry status, IngestLog log, int? srtListenPort = null)
    {
        _srtListenPort = srtListenPort;
        _studio = studio;
        Protocol = protocol;
        LessonId = lessonId;
        _rooms = rooms;
        _directory = directory;
        _time = time;
        _status = status;
        _log = log;
        ConnectedAt = time.GetUtcNow();
        _ffmpeg = new FfmpegSupervisor(options.FfmpegPath, Arguments, time, OnExit, BeforeRunAsync);
    }

    public string Protocol { get; }

    public string? LessonId { get; private set; }

    public DateTimeOffset ConnectedAt { get; }

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>RTMP: media messages handed to ffmpeg; SRT: datagrams relayed to it.</summary>
    public long PacketsOut => _srtListenPort is null ? _pipe.Forwarded : Interlocked.Read(ref _packetsIn);

    private long _packetsIn;

    /// <summary>Counts one datagram relayed to ffmpeg (SRT).</summary>
    public void AddDatagram(int bytes)
    {
        Interlocked.Increment(ref _packetsIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    public int FfmpegRuns => _ffmpeg.Runs;

    /// <summary>The run now going (tests kill it to prove the restart).</summary>
    internal FfmpegProcess? CurrentFfmpeg => _ffmpeg.Current;

    public void Start()
    {
        _ffmpeg.Start();
        _follow = Task.Run(FollowLessonsAsync);
    }

    public void AddBytes(long count) => Interlocked.Add(ref _bytesIn, count);

    public Task WriteAsync(RtmpMessage message) => _pipe.WriteAsync(message);

    /// <summary>
    /// The host ended its stream on purpose (RTMP FCUnpublish / deleteStream, SRT shutdown): the
    /// studio producer leaves as "ended", which closes the lesson's recording at once, like the
    /// browser studio's WHIP DELETE. A dropped connection leaves it "lost" (the recorder waits).
    /// </summary>
    public bool EndedByHost { get; set; }

    private Task BeforeRunAsync(int run)
    {
        var source = new PlainRtpSource(Tracks);
        _ssrc = NewSsrcPair(_ssrc);
        PlainRtpSource? old;
        lock (_gate)
        {
            old = _source;
            _source = source;
            AttachLocked();
        }

        old?.Dispose();
        if (_srtListenPort is null) _flvPort = _pipe.OpenForRun();
        return Task.CompletedTask;
    }

    /// <summary>A random SSRC for video (audio takes the next one), unlike the previous run's pair.</summary>
    internal static uint NewSsrcPair(uint previous)
    {
        uint next;
        do next = (uint)Random.Shared.Next(1, int.MaxValue);
        while (next == previous || next + 1 == previous || next == previous + 1);
        return next;
    }

    private IReadOnlyList<string> Arguments(int run)
    {
        var rtp = string.Create(CultureInfo.InvariantCulture, $"rtp://127.0.0.1:{_source!.EndPoint.Port}?rtcpport={_source.EndPoint.Port}&pkt_size=1200");
        return
        [
            "-hide_banner", "-nostats", "-analyzeduration", "1000000",
            .. _srtListenPort is { } srt
                ? (string[])["-f", "mpegts", "-i", string.Create(CultureInfo.InvariantCulture, $"srt://127.0.0.1:{srt}?mode=listener")]
                : ["-f", "flv", "-i", string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{_flvPort}")],
            // H.264 as the host sends it; SPS/PPS in band before every keyframe, as WebRTC decoders need.
            "-map", "0:v:0", "-c:v", "copy", "-bsf:v", "h264_mp4toannexb",
            "-f", "rtp", "-payload_type", VideoPayloadType.ToString(CultureInfo.InvariantCulture), "-ssrc", _ssrc.ToString(CultureInfo.InvariantCulture), rtp,
            "-map", "0:a:0", "-c:a", "libopus", "-ar", "48000", "-ac", "2", "-b:a", "64k", "-application", "lowdelay",
            "-f", "rtp", "-payload_type", AudioPayloadType.ToString(CultureInfo.InvariantCulture), "-ssrc", (_ssrc + 1).ToString(CultureInfo.InvariantCulture), rtp,
        ];
    }

    private void OnExit(FfmpegExit exit)
    {
        if (exit.Requested) return;
        _status.LastExit = new IngestStatusBoard.Exit(string.Create(CultureInfo.InvariantCulture, $"exit {exit.ExitCode}: {exit.Reason}"), exit.At);
        _log.FfmpegExited(_studio.StudioId, exit.Run, exit.ExitCode, exit.Reason);
    }

    private async Task FollowLessonsAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                string? lesson;
                try
                {
                    lesson = await _directory.CurrentLessonAsync(_studio.StudioId, _time.GetUtcNow(), _stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    continue; // the store is briefly unavailable: keep feeding where we are
                }

                lock (_gate)
                {
                    var moved = lesson != LessonId;
                    var stale = _attached is { } a && (!_rooms.TryGet(a.Router.LessonId, out var current) || !ReferenceEquals(current, a.Router));
                    if (!moved && !stale && (_attached is not null || lesson is null)) continue;
                    LessonId = lesson;
                    AttachLocked();
                    if (moved) _log.LessonChanged(_studio.StudioId, lesson);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Puts the current source where the current lesson is (off when there is none).</summary>
    private void AttachLocked()
    {
        if (_attached is { } old && (old.Router.LessonId != LessonId || old.Producer.Source != _source))
        {
            if (old.Producer.Source is PlainRtpSource previous) old.Router.DetachSource(old.Producer, previous);
            _attached = null;
        }

        if (LessonId is null || _source is null || _attached is not null) return;
        var router = _rooms.GetOrCreate(LessonId);
        var producer = router.AttachSource(ProducerIds.Studio, _source);
        if (producer is null) return; // closed just now: the next tick attaches to its successor
        _source.Start(producer);
        _attached = (router, producer);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_follow is not null) await _follow.ConfigureAwait(false);
        // Stop first (no restart), then close ffmpeg's input so a run blocked on reading ends at once.
        var stopping = _ffmpeg.StopAsync(TimeSpan.FromSeconds(2));
        _pipe.Dispose();
        await stopping.ConfigureAwait(false);
        await _ffmpeg.DisposeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (_attached is { } a && _source is not null) a.Router.DetachSource(a.Producer, _source, EndedByHost ? ProducerEnd.Ended : ProducerEnd.Lost);
            _attached = null;
            _source?.Dispose();
            _source = null;
        }

        _stop.Dispose();
    }
}
