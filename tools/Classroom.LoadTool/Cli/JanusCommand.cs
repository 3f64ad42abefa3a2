using System.Net;
using Classroom.LoadTool.Engine;
using Classroom.LoadTool.Janus;
using Classroom.LoadTool.Publishing;
using Classroom.LoadTool.Report;

namespace Classroom.LoadTool.Cli;

/// <summary>`classroom-load janus`: N subscribers of a Janus streaming mountpoint, optionally fed by our synthetic stream as plain RTP.</summary>
public static class JanusCommand
{
    public const string Help =
        "classroom-load janus --janus-url http://127.0.0.1:18088/janus [--mountpoint 1] [--feed-audio 127.0.0.1:15002 --feed-video 127.0.0.1:15004 [--feed-video-pt 100]] [--local-address 0.0.0.0] ...\n" +
        "  --feed-audio/--feed-video   send the synthetic stream (send stamps included) as RTP into the mountpoint;\n" +
        "                              without them the mountpoint must be fed by someone else (ffmpeg: forwarding delay n/a)\n";

    public static async Task<int> RunAsync(ArgReader args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var url = new Uri(args.Required("janus-url"));
        var mountpoint = args.Int("mountpoint", 1);
        var feedAudio = args.String("feed-audio");
        var feedVideo = args.String("feed-video");
        var videoPt = (byte)args.Int("feed-video-pt", 100);
        var local = IPAddress.Parse(args.String("local-address") ?? "0.0.0.0");
        var common = CommonOptions.Read(args, 111);
        args.RejectUnknown();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var stack = new PlayerStack(common.Settings);
        await using var connector = new JanusConnector(new JanusHttp(http, url), mountpoint, local, stack.Options);
        PacedPublisher? feed = null;
        if (feedAudio is not null && feedVideo is not null)
            feed = RtpUdpFeed.Create(IPEndPoint.Parse(feedAudio), IPEndPoint.Parse(feedVideo), 111, videoPt, common.Shape);
        try
        {
            var report = await new LoadEngine(common.Settings, connector, feed, common.Shape, url.ToString()).RunAsync(cancellationToken).ConfigureAwait(false);
            await ReportWriter.WriteAsync(report, common.JsonPath, Console.Out).ConfigureAwait(false);
            return report.PlayersConnected > 0 ? 0 : 2;
        }
        finally
        {
            if (feed is not null) await feed.DisposeAsync().ConfigureAwait(false);
        }
    }
}
