using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Classroom.MediaRelay.Tests.Infrastructure;
using Classroom.Testing.Network;

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// A relay whose players can sit behind an impaired leg (docs/bench-loss.md):
/// <list type="bullet">
/// <item>a network namespace joined by a veth (10.231.S.1 here, 10.231.S.2 inside) for the player's Chromium;</item>
/// <item>the relay binds 127.0.0.1:P and announces 10.231.S.1 (ICE-lite: the answer's only candidate);</item>
/// <item>the <see cref="ImpairmentRelay"/> listens on 10.231.S.1:P and forwards to 127.0.0.1:P: datagrams
///   from the namespace get the player's <see cref="LegImpairment"/> (delay), every other client
///   (the studio, on this side) passes straight through;</item>
/// <item>loss (nftables) and a rate limit (tbf) sit on the veth, so only the player's leg has them.</item>
/// </list>
/// HTTP (pages, WHIP, WHEP; /metrics on the management port) listens on loopback for the studio (a secure context: the
/// camera needs one) and on 10.231.S.1 for the player.
/// </summary>
internal sealed partial class ImpairedLeg : IAsyncDisposable
{
    private ImpairedLeg(VethNamespace ns, ImpairmentRelay impairment, RelayTestHost host, int port)
    {
        Namespace = ns;
        Impairment = impairment;
        Host = host;
        Port = port;
    }

    public VethNamespace Namespace { get; }

    public ImpairmentRelay Impairment { get; }

    public RelayTestHost Host { get; }

    /// <summary>HTTP on loopback: a secure context, so the studio page may open the camera.</summary>
    public string StudioUrl => Host.Addresses.Single(a => a.StartsWith("http://127.", StringComparison.Ordinal));

    /// <summary>HTTP on the veth address, reachable from the player's namespace.</summary>
    public string PlayerUrl => Host.Addresses.Single(a => a.StartsWith("http://" + Namespace.HostAddress + ":", StringComparison.Ordinal));

    /// <summary>The relay's media port (and the impairment relay's, on the veth address).</summary>
    public int Port { get; }

    public static async Task<ImpairedLeg> StartAsync(int subnet, LegImpairment player, int seed = 1)
    {
        var ns = await VethNamespace.CreateAsync(subnet);
        ImpairmentRelay? impairment = null;
        try
        {
            // The impairment relay takes a free port on the veth address; the relay then binds the
            // same port number on loopback, announcing the veth address.
            for (var attempt = 0; ; attempt++)
            {
                impairment?.Dispose();
                int port;
                using (var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp))
                {
                    probe.Bind(new IPEndPoint(ns.HostAddress, 0));
                    port = ((IPEndPoint)probe.LocalEndPoint!).Port;
                }

                impairment = new ImpairmentRelay(new IPEndPoint(ns.HostAddress, port), new IPEndPoint(IPAddress.Loopback, port),
                    client => client.Address.Equals(ns.PeerAddress) ? player : LegImpairment.None, seed,
                    // Room for a join burst (the cached GOP of 720p video) inside the delay: the
                    // queue models propagation delay, not a bottleneck buffer (tbf does that).
                    queueCapacity: 4096);
                var host = await RelayTestHost.StartAsync(transports: "udp", url: $"http://127.0.0.1:0;http://{ns.HostAddress}:0", settings: new Dictionary<string, string?>
                {
                    ["MediaRelay:BindAddress"] = IPAddress.Loopback.ToString(),
                    ["MediaRelay:UdpPort"] = port.ToString(CultureInfo.InvariantCulture),
                    ["MediaRelay:AnnouncedAddress"] = ns.HostAddress.ToString(),
                });
                if (host.Runtime.UdpEndPoint!.Port == port) return new ImpairedLeg(ns, impairment, host, port);
                // Loopback's port was taken: the relay fell back to another one; try again.
                await host.DisposeAsync();
                if (attempt == 5) throw new InvalidOperationException("no port free on both the veth address and loopback");
            }
        }
        catch
        {
            impairment?.Dispose();
            await ns.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sum of a relay metric over all its series (e.g. every player's NACKs).</summary>
    public async Task<double> MetricAsync(string name)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Host.ManagementUrl + "/metrics"));
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || (line.Length > name.Length && line[name.Length] is not ('{' or ' '))) continue;
            var value = MetricValue().Match(line);
            if (value.Success) sum += double.Parse(value.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [GeneratedRegex(" ([-+0-9.eE]+|NaN)$")]
    private static partial Regex MetricValue();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Impairment.Dispose();
        await Namespace.DisposeAsync();
    }
}

/// <summary>What play-stats.html's videoStats() returns (video inbound-rtp).</summary>
public sealed class VideoSample
{
    public double T { get; set; }
    public string State { get; set; } = string.Empty;
    public long PacketsReceived { get; set; }
    public long PacketsLost { get; set; }
    public long FramesDecoded { get; set; }
    public long FramesDropped { get; set; }
    public long KeyFramesDecoded { get; set; }
    public long FreezeCount { get; set; }
    public double TotalFreezesDuration { get; set; }
    public long NackCount { get; set; }
    public long PliCount { get; set; }
    public long FirCount { get; set; }
    public int FrameWidth { get; set; }
    public int FrameHeight { get; set; }
    public double FramesPerSecond { get; set; }
    public long BytesReceived { get; set; }
    public long RetransmittedPacketsReceived { get; set; }
    public long Ssrc { get; set; }
    public string Codec { get; set; } = string.Empty;
    public double RoundTripTime { get; set; }
    public double JitterBufferDelay { get; set; }
    public double JitterBufferTargetDelay { get; set; }
    public double JitterBufferMinimumDelay { get; set; }
    public long JitterBufferEmittedCount { get; set; }

    /// <summary>Mean time a frame waited in the jitter buffer so far, in ms.</summary>
    public double JitterBufferMs => JitterBufferEmittedCount == 0 ? 0 : JitterBufferDelay / JitterBufferEmittedCount * 1000;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{State} {Codec} {FrameWidth}x{FrameHeight} fps={FramesPerSecond} received={PacketsReceived} lost={PacketsLost} frames={FramesDecoded} keyframes={KeyFramesDecoded} freezes={FreezeCount}/{TotalFreezesDuration:F3}s nacks={NackCount} plis={PliCount} rtx={RetransmittedPacketsReceived} rtt={RoundTripTime * 1000:F0}ms jitterBuffer={JitterBufferMs:F0}ms target={(JitterBufferEmittedCount == 0 ? 0 : JitterBufferTargetDelay / JitterBufferEmittedCount * 1000):F0}ms");
}

/// <summary>What play-stats.html's stopSampling() returns.</summary>
public sealed class SampledRun
{
    public List<VideoSample> Samples { get; set; } = [];
    public double MaxFrameGapMs { get; set; }
    public long PresentedFrames { get; set; }
}

/// <summary>One layer publish-options.html's sentLayers() reports.</summary>
public sealed class SentLayer
{
    public string Rid { get; set; } = string.Empty;
    public int FrameWidth { get; set; }
    public int FrameHeight { get; set; }
    public long FramesSent { get; set; }
    public long BytesSent { get; set; }
    public long NackCount { get; set; }
    public long PliCount { get; set; }
    public string Limitation { get; set; } = string.Empty;

    public override string ToString() => $"{Rid}:{FrameWidth}x{FrameHeight} frames={FramesSent} bytes={BytesSent} limit={Limitation}";
}
