using Classroom.MediaRelay.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class KeyframeRequestThrottleTests
{
    [Fact]
    public void At_most_one_request_per_second_and_a_refused_one_is_sent_later()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var throttle = new KeyframeRequestThrottle(time, TimeSpan.FromSeconds(1));

        Assert.False(throttle.TryTakePending());
        throttle.MarkPending();
        Assert.True(throttle.TryTakePending());
        Assert.False(throttle.TryTakePending());

        for (var viewer = 0; viewer < 30; viewer++) throttle.MarkPending(); // 30 rooms ask at once
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(throttle.TryTakePending());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(throttle.TryTakePending());
        Assert.False(throttle.TryTakePending());
    }
}
