using Classroom.MediaRelay.Protocols.Rtcp;

namespace Classroom.MediaRelay.Protocols.Tests.Rtcp;

public class NtpTimeTests
{
    [Fact]
    public void Unix_epoch_is_2208988800_seconds_after_the_ntp_epoch()
    {
        ulong ntp = NtpTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(0.5));
        Assert.Equal(2208988800ul, ntp >> 32);
        Assert.Equal(0x8000_0000ul, ntp & 0xFFFF_FFFF);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(0.5), NtpTime.ToDateTimeOffset(ntp));
    }

    [Fact]
    public void Round_trip_time_follows_rfc3550_section_6_4_1()
    {
        // SR sent at T, echoed as LSR; the receiver held it 250 ms (DLSR); the RR arrives at T + 330 ms.
        var sent = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        uint lsr = NtpTime.Middle32(NtpTime.FromDateTimeOffset(sent));
        uint dlsr = (uint)(0.250 * 65536);
        ulong arrival = NtpTime.FromDateTimeOffset(sent.AddMilliseconds(330));
        TimeSpan rtt = NtpTime.RoundTripTime(arrival, lsr, dlsr)!.Value;
        Assert.InRange(rtt.TotalMilliseconds, 79.9, 80.1);
        Assert.Null(NtpTime.RoundTripTime(arrival, 0, dlsr));
        Assert.Null(NtpTime.RoundTripTime(arrival, lsr, dlsr + (uint)(65536 * 10)));
    }
}
