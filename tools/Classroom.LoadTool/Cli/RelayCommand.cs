using Classroom.LoadTool.Engine;
using Classroom.LoadTool.Publishing;
using Classroom.LoadTool.Relay;
using Classroom.LoadTool.Report;
using Classroom.MediaRelay.Client;

namespace Classroom.LoadTool.Cli;

/// <summary>`classroom-load relay`: N WHEP players (and optionally the WHIP studio) against our relay.</summary>
public static class RelayCommand
{
    public const string Help =
        "classroom-load relay --url http://127.0.0.1:5080 --lesson L1-20261123 (--token T [--publish-token P] | --data DIR) [--no-publisher] ...\n" +
        "  --token / --publish-token   play and publish join tokens; or --data DIR mints both with DIR/keys\n" +
        "  --no-publisher              only players (someone else publishes)\n";

    public static async Task<int> RunAsync(ArgReader args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var url = new Uri(args.Required("url").TrimEnd('/'));
        var lesson = args.Required("lesson");
        var data = args.String("data");
        var minted = data is null ? default : TokenMinter.Mint(data, lesson, TimeProvider.System);
        var playToken = args.String("token") ?? minted.Play ?? throw new ArgumentException("--token or --data is required");
        var publishToken = args.String("publish-token") ?? minted.Publish;
        var noPublisher = args.Flag("no-publisher");
        var common = CommonOptions.Read(args, ClientOfferWriter.OpusPayloadType);
        args.RejectUnknown();

        if (!noPublisher && publishToken is null)
            await Console.Error.WriteLineAsync("classroom-load: no --publish-token or --data: players only, someone else must publish").ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        PacedPublisher? publisher = null;
        if (!noPublisher && publishToken is not null)
        {
            var seconds = (int)(common.Settings.Ramp + common.Settings.Duration).TotalSeconds + 10;
            publisher = await WhipPublisher.ConnectAsync(http, new Uri(url, "/whip/" + lesson), publishToken, common.Shape,
                Stream.SendStamp.NowNanos(), seconds, cancellationToken).ConfigureAwait(false);
        }

        using var stack = new PlayerStack(common.Settings);
        await using var connector = new WhepConnector(http, new Uri(url, "/whep/" + lesson), playToken, stack.Options);
        try
        {
            var report = await new LoadEngine(common.Settings, connector, publisher, common.Shape, url.ToString())
                .RunAsync(cancellationToken).ConfigureAwait(false);
            await ReportWriter.WriteAsync(report, common.JsonPath, Console.Out).ConfigureAwait(false);
            return report.PlayersConnected > 0 ? 0 : 2;
        }
        finally
        {
            if (publisher is not null) await publisher.DisposeAsync().ConfigureAwait(false);
        }
    }
}
