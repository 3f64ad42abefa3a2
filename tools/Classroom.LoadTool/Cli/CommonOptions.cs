using Classroom.LoadTool.Engine;
using Classroom.LoadTool.Stream;

namespace Classroom.LoadTool.Cli;

/// <summary>Options every load verb shares: players, timing, stream shape, output, server to sample.</summary>
public sealed record CommonOptions(LoadSettings Settings, StreamShape Shape, string? JsonPath)
{
    public const string Help =
        "  --players N            players to start (default 10)\n" +
        "  --duration 30s         how long they watch after the ramp (default 30s)\n" +
        "  --ramp 10s             players start evenly over this span (default 10s)\n" +
        "  --bitrate 1000k        studio stream total (video + 48 kbit/s Opus-shaped audio; default 1000k)\n" +
        "  --gop 4s               keyframe interval (default 4s)\n" +
        "  --concurrency 256      joins in flight at once\n" +
        "  --receive-threads 2    epoll threads receiving for all players (default: cores, ≤ 2; 0: one async loop per player)\n" +
        "  --client-handshakes 256  DTLS handshakes at once on the players' shared handshaker\n" +
        "  --pacing-factor 2.5    studio pacing rate as a multiple of --bitrate (0: each frame as one burst)\n" +
        "  --connect-timeout 20s  a join slower than this fails\n" +
        "  --server-pid PID       sample this process's CPU and RSS (/proc) over the run\n" +
        "  --json out.json        write the report as JSON\n" +
        "  --quiet                no progress line\n";

    public static CommonOptions Read(ArgReader args, byte audioPayloadType)
    {
        ArgumentNullException.ThrowIfNull(args);
        var pid = args.String("server-pid");
        var settings = new LoadSettings
        {
            Players = args.Int("players", 10),
            Duration = args.Duration("duration", TimeSpan.FromSeconds(30)),
            Ramp = args.Duration("ramp", TimeSpan.FromSeconds(10)),
            ConnectConcurrency = args.Int("concurrency", 256),
            ReceiveThreads = args.Int("receive-threads", LoadSettings.DefaultReceiveThreads),
            ClientHandshakes = args.Int("client-handshakes", 256),
            ConnectTimeout = args.Duration("connect-timeout", TimeSpan.FromSeconds(20)),
            ServerPid = pid is null ? null : int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture),
            AudioPayloadType = audioPayloadType,
            Progress = args.Flag("quiet") ? null : Console.Out,
        };
        var pacing = args.String("pacing-factor") is { } p ? double.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : StreamShape.DefaultPacingFactor;
        if (pacing < 0 || double.IsNaN(pacing)) throw new ArgumentException("--pacing-factor must be 0 (burst) or positive");
        var shape = new StreamShape(args.Bitrate("bitrate", 1_000_000), args.Duration("gop", TimeSpan.FromSeconds(4))) { PacingFactor = pacing };
        return new CommonOptions(settings, shape, args.String("json"));
    }
}
