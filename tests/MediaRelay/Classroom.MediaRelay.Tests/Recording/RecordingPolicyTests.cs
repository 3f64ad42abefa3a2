using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Recording;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>A school that turned recording off for a lesson gets no recording and no ffmpeg.</summary>
public sealed class RecordingPolicyTests
{
    [Fact]
    public async Task A_lesson_the_policy_turns_off_is_not_recorded()
    {
        await using var host = await RelayTestHost.StartAsync(); // the host's own recorder is off in tests
        var root = Path.Combine(host.DataFolder, "policy-recordings");
        var policy = new Policy();
        using var recorder = new LessonRecorder(new RecordingOptions(), root, host.Runtime.Rooms, host.Runtime.Counters, TimeProvider.System,
            new MediaRelayLog(NullLogger<MediaRelayLog>.Instance), catalog: null, policy);
        await recorder.StartAsync(CancellationToken.None);
        using var source = new PlainRtpSource([new NegotiatedTrack("audio", "a", [new SdpCodec(111, "opus", 48000, 2, null, [])], 0, [])]);
        var router = host.Runtime.Rooms.GetOrCreate(RelayTestHost.Lesson);
        var producer = router.AttachSource(ProducerIds.Studio, source)!;

        await Eventually.TrueAsync(() => policy.Asked == 1, TimeSpan.FromSeconds(10), "the policy is asked");
        await recorder.IdleAsync(RelayTestHost.Lesson);
        Assert.Null(recorder.RecordingOf(RelayTestHost.Lesson));
        Assert.Empty(Directory.EnumerateDirectories(root));
        router.DetachSource(producer, source, ProducerEnd.Ended);
        await recorder.StopAsync(CancellationToken.None);
    }

    private sealed class Policy : IRecordingPolicy
    {
        private int _asked;

        public int Asked => Volatile.Read(ref _asked);

        public Task<RecordingDecision> DecideAsync(string lessonId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult(new RecordingDecision(false, new HashSet<long>()));
        }

        public Task<int?> RetentionDaysAsync(long allianceId, CancellationToken cancellationToken) => Task.FromResult<int?>(null);
    }
}
