using System.Globalization;
using Classroom.Contracts.Tokens;
using Classroom.LoadTool.Engine;
using Classroom.LoadTool.Publishing;
using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.LoadTool.Cli;

/// <summary>
/// `classroom-load wall`: the teacher's wall against our relay (docs/benchmarks.md). Phase 1: the
/// studio (1 Mbit/s) and N rooms watching it. Phase 2: the same, plus every room publishing its
/// low-resolution camera (<c>?producer=room</c>) and the teacher receiving all N on one WHEP
/// session (<c>?producers=rooms</c>). Each phase reports the relay's CPU (share of one core) and
/// the RTP bytes its players received (egress, RTP level); the difference is the wall's cost.
/// </summary>
public static class WallCommand
{
    public const string Help =
        "classroom-load wall --url http://127.0.0.1:5080 --lesson L1-20261123 --data DIR --server-pid PID [--rooms 30] [--seconds 20] [--room-bitrate 150k] [--bitrate 1000k]\n";

    public static async Task<int> RunAsync(ArgReader args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var url = new Uri(args.Required("url").TrimEnd('/'));
        var lesson = args.Required("lesson");
        var data = args.Required("data");
        var pid = int.Parse(args.Required("server-pid"), CultureInfo.InvariantCulture);
        var rooms = int.Parse(args.String("rooms") ?? "30", CultureInfo.InvariantCulture);
        var seconds = int.Parse(args.String("seconds") ?? "20", CultureInfo.InvariantCulture);
        var roomBits = Bits(args.String("room-bitrate") ?? "150k");
        var studioBits = Bits(args.String("bitrate") ?? "1000k");
        args.RejectUnknown();

        using var key = JoinTokenKeys.LoadOrCreatePrivate(data);
        var now = TimeProvider.System.GetUtcNow();
        string Token(string subject, ClassroomRole role, long? classroom, params string[] scopes) => JoinTokenCodec.Sign(
            new JoinTokenClaims(subject, role, 1, lesson, 1, classroom, role == ClassroomRole.Teacher ? 1 : null, scopes, now.AddMinutes(-1), now.AddHours(1),
                Guid.NewGuid().ToString("N")), key);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var runSeconds = 2 * seconds + 60;
        var publishers = new List<PacedPublisher>();
        var players = new List<RelayClient>();
        try
        {
            var studio = await WhipPublisher.ConnectAsync(http, new Uri(url, "/whip/" + lesson), Token("teacher:1", ClassroomRole.Teacher, null, JoinTokenScopes.Publish),
                new StreamShape(studioBits, TimeSpan.FromSeconds(4)), SendStamp.NowNanos(), runSeconds, cancellationToken).ConfigureAwait(false);
            publishers.Add(studio);
            studio.Start(TimeSpan.FromSeconds(runSeconds));
            long watched = 0;
            for (var i = 1; i <= rooms; i++)
            {
                players.Add(await RelayClient.ConnectAsync(http, new Uri(url, "/whep/" + lesson), Token("room:" + i, ClassroomRole.Classroom, i, JoinTokenScopes.Play),
                    SessionRole.Player, ClientJoinOptions.Default with { Observer = (kind, packet, _) => { if (kind == Classroom.MediaRelay.Protocols.Demux.PacketKind.Rtp) Interlocked.Add(ref watched, packet.Length); } },
                    cancellationToken).ConfigureAwait(false));
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            var studioOnly = await MeasureAsync(pid, seconds, () => Interlocked.Read(ref watched), cancellationToken).ConfigureAwait(false);

            long wallBytes = 0;
            var wall = await RelayClient.ConnectAsync(http, new Uri(url, "/whep/" + lesson + "?producers=rooms"), Token("teacher:1", ClassroomRole.Teacher, null, JoinTokenScopes.Play),
                SessionRole.Player, ClientJoinOptions.Default with
                {
                    AudioSections = 0,
                    VideoSections = rooms,
                    Observer = (kind, packet, _) => { if (kind == Classroom.MediaRelay.Protocols.Demux.PacketKind.Rtp) Interlocked.Add(ref wallBytes, packet.Length); },
                }, cancellationToken).ConfigureAwait(false);
            players.Add(wall);
            for (var i = 1; i <= rooms; i++)
            {
                var camera = await WhipPublisher.ConnectAsync(http, new Uri(url, "/whip/" + lesson + "?producer=room"),
                    Token("room:" + i, ClassroomRole.Classroom, i, JoinTokenScopes.Play, JoinTokenScopes.Camera),
                    new StreamShape(roomBits, TimeSpan.FromSeconds(4), Fps: 15), SendStamp.NowNanos(), runSeconds, cancellationToken).ConfigureAwait(false);
                publishers.Add(camera);
                camera.Start(TimeSpan.FromSeconds(runSeconds));
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            var withWall = await MeasureAsync(pid, seconds, () => Interlocked.Read(ref watched) + Interlocked.Read(ref wallBytes), cancellationToken).ConfigureAwait(false);
            var wallOnly = await MeasureAsync(pid, 1, () => Interlocked.Read(ref wallBytes), cancellationToken).ConfigureAwait(false);
            var filled = wall.Sections.Count(s => s.Packets > 0);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wall: {rooms} rooms, {seconds} s per phase, studio {studioBits / 1000} kbit/s, room cameras {roomBits / 1000} kbit/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phase 1 (studio → {rooms} rooms):            relay CPU {studioOnly.CpuPercent,6:F1} % of a core, egress {studioOnly.Mbps,6:F2} Mbit/s, RSS {studioOnly.RssMb:F0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phase 2 (+ {rooms} cameras → teacher's wall): relay CPU {withWall.CpuPercent,6:F1} % of a core, egress {withWall.Mbps,6:F2} Mbit/s, RSS {withWall.RssMb:F0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"teacher's downlink {wallOnly.Mbps:F2} Mbit/s over {filled} of {rooms} wall sections receiving; the wall's cost: +{withWall.CpuPercent - studioOnly.CpuPercent:F1} % of a core"));
            return filled == rooms ? 0 : 2;
        }
        finally
        {
            foreach (var publisher in publishers) await publisher.DisposeAsync().ConfigureAwait(false);
            foreach (var player in players) await player.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static long Bits(string text) => text.EndsWith('k')
        ? long.Parse(text[..^1], CultureInfo.InvariantCulture) * 1000
        : long.Parse(text, CultureInfo.InvariantCulture);

    private sealed record Phase(double CpuPercent, double Mbps, double RssMb);

    private static async Task<Phase> MeasureAsync(int pid, int seconds, Func<long> bytes, CancellationToken cancellationToken)
    {
        var before = ProcessSample.TryRead(pid, SendStamp.NowNanos()) ?? throw new InvalidOperationException($"no process {pid}");
        var bytesBefore = bytes();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        var after = ProcessSample.TryRead(pid, SendStamp.NowNanos()) ?? throw new InvalidOperationException($"no process {pid}");
        var elapsed = (after.AtNanos - before.AtNanos) / 1e9;
        return new Phase(100 * (after.CpuSeconds - before.CpuSeconds) / elapsed, (bytes() - bytesBefore) * 8 / elapsed / 1e6, after.RssKb / 1024.0);
    }
}
