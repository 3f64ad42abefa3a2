using Classroom.MediaRelay.Protocols.Rtcp;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;

namespace Classroom.MediaRelay.Tests.Rooms;

public sealed class RoundTripTimesTests
{
    private static byte[] ReceiverReport(uint lsr, uint dlsr)
    {
        var buffer = new byte[64];
        var n = RtcpReceiverReport.Write(buffer, 77, [new RtcpReportBlock(1000, 0, 0, 5, 0, lsr, dlsr)]);
        return buffer[..n];
    }

    [Fact]
    public void Rtt_is_now_minus_when_the_echoed_sender_report_went_out_minus_the_players_delay()
    {
        var rtt = new RoundTripTimes();
        var counters = new SessionCounters();
        var ntp = 0x0123_4567_89AB_CDEFUL;
        var sent = TimeSpan.FromSeconds(100).Ticks;
        rtt.OnSenderReportSent(ntp, sent);

        // The player held the report 0.5 s (DLSR in 1/65536 s) and answered; 0.58 s after sending: 80 ms RTT.
        rtt.OnRtcp(ReceiverReport((uint)(ntp >> 16), 32768), counters, sent + TimeSpan.FromMilliseconds(580).Ticks);

        Assert.Equal(0.08, counters.RoundTripSeconds!.Value, 3);
    }

    [Fact]
    public void A_report_echoing_no_or_an_unknown_sender_report_measures_nothing()
    {
        var rtt = new RoundTripTimes();
        var counters = new SessionCounters();
        rtt.OnSenderReportSent(0x0123_4567_89AB_CDEFUL, TimeSpan.FromSeconds(100).Ticks);
        rtt.OnRtcp(ReceiverReport(0, 0), counters, TimeSpan.FromSeconds(101).Ticks);
        rtt.OnRtcp(ReceiverReport(0x1111_2222, 0), counters, TimeSpan.FromSeconds(101).Ticks);
        Assert.Null(counters.RoundTripSeconds);
    }
}
