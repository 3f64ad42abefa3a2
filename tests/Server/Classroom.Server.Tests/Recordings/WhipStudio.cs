using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ffmpeg;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.Server.Tests.Recordings;

/// <summary>
/// A studio publishing real media through WHIP with the project's own client (<see cref="RelayClient"/>:
/// ICE, DTLS, SRTP): ffmpeg encodes testsrc2 and a sine tone in real time (H.264 or VP8, Opus) into
/// plain RTP on a loopback socket, and every packet goes on through the client's SRTP with the
/// client's SSRCs. H.264 is offered before VP8 when the studio sends H.264, as the studio page
/// does when the lesson is recorded. "End lesson" is the WHIP DELETE of the session.
/// </summary>
internal sealed class WhipStudio : IAsyncDisposable
{
    public const string DefaultSize = "640x360";
    private const int VideoClock = 90_000;
    private readonly RelayClient _client;
    private readonly HttpClient _http;
    private readonly string _token;
    private readonly UdpClient _rtp;
    private readonly byte _videoPt;
    private readonly CancellationTokenSource _stop = new();
    private FfmpegProcess? _ffmpeg;
    private Task _forward = Task.CompletedTask;
    private long _firstPacket;
    private long _videoPackets;
    private uint? _firstVideoTimestamp;
    private uint _lastVideoTimestamp;

    private WhipStudio(RelayClient client, HttpClient http, string token, string codec)
    {
        _client = client;
        _http = http;
        _token = token;
        Codec = codec;
        _videoPt = codec == "H264" ? (byte)ClientOfferWriter.H264PayloadType : (byte)ClientOfferWriter.Vp8PayloadType;
        // ffmpeg's packets wait here while the test process is busy (GC, other tests); a packet the
        // kernel drops is lost for good (this client does not answer the relay's NACKs), so the buffer is large.
        _rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        _rtp.Client.ReceiveBufferSize = 4 * 1024 * 1024;
    }

    public string Codec { get; }

    public RelayClient Client => _client;

    public long VideoPackets => Interlocked.Read(ref _videoPackets);

    /// <summary>ffmpeg's exit code once it has sent its <c>-t</c> seconds (or was stopped).</summary>
    public Task<int> SenderExited => _ffmpeg?.Exited ?? Task.FromResult(-1);

    public string? SenderReason => _ffmpeg?.Reason;

    /// <summary>Elapsed real time since the first packet went to the relay (the lesson's media start), as a page's media clock counts it.</summary>
    public TimeSpan MediaTime => _firstPacket == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(Interlocked.Read(ref _firstPacket));

    /// <summary>How much source video has been sent, by the RTP clock of the last video packet forwarded.</summary>
    public double SourceSeconds
    {
        get
        {
            lock (_stop) return _firstVideoTimestamp is { } first ? unchecked(_lastVideoTimestamp - first) / (double)VideoClock : 0;
        }
    }

    public static async Task<WhipStudio> ConnectAsync(HttpClient http, Uri whipUrl, string token, string codec, CancellationToken cancellationToken)
    {
        var options = ClientJoinOptions.Default with { PreferH264 = codec == "H264" };
        var client = await RelayClient.ConnectAsync(http, whipUrl, token, SessionRole.Publisher, options, cancellationToken);
        return new WhipStudio(client, http, token, codec);
    }

    /// <summary>
    /// Starts sending <paramref name="seconds"/> of media in real time and forwarding its packets. The
    /// media is encoded beforehand (once per codec, size and length) and only paced out here
    /// (<c>-re -c copy</c>): a studio's camera keeps real time whatever the machine's load (a browser's
    /// encoder drops frames rather than fall behind), while an encoder started with <c>-re</c> on a
    /// loaded 2-core machine fell 3 s behind the wall clock in 10 s, and the recording's timeline
    /// (RTP time) with it — the rooms' media time (wall clock) then no longer matched the picture.
    /// It also keeps the encoder's CPU out of what a benchmark measures.
    /// </summary>
    public async Task StartAsync(double seconds, string size = DefaultSize)
    {
        var source = await SourceAsync(Codec, seconds, size);
        var port = ((IPEndPoint)_rtp.Client.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
        // RTCP of both outputs comes back to the same socket and is dropped (the client makes its own).
        var target = "rtp://127.0.0.1:" + port + "?rtcpport=" + port + "&pkt_size=1200";
        // SPS/PPS in band before every key frame, as a WebRTC H.264 encoder sends them.
        List<string> video = Codec == "H264" ? ["-c:v", "copy", "-bsf:v", "h264_mp4toannexb"] : ["-c:v", "copy"];
        _forward = ForwardAsync(_stop.Token);
        _ffmpeg = FfmpegProcess.Start("ffmpeg", [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-i", source,
            "-map", "0:v", .. video, "-payload_type", _videoPt.ToString(CultureInfo.InvariantCulture), "-ssrc", "1111", "-f", "rtp", target,
            "-map", "0:a", "-c:a", "copy", "-payload_type", "111", "-ssrc", "2222", "-f", "rtp", target,
        ]);
    }

    private static readonly SemaphoreSlim SourceGate = new(1, 1);

    /// <summary>testsrc2 and a 440 Hz tone as H.264 (baseline, a key frame a second) or VP8 (real-time settings, no look-ahead), Opus 48 kbit/s, in Matroska; made once per process.</summary>
    public static async Task<string> SourceAsync(string codec, double seconds, string size)
    {
        var length = seconds.ToString(CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"classroom-studio-{codec}-{size}-{length}s-{Environment.ProcessId}.mkv");
        await SourceGate.WaitAsync();
        try
        {
            if (File.Exists(file)) return file;
            // 640×360 at 1 Mbit/s (H.264) / 800 kbit/s (VP8); larger (the benchmark's 1280×720) at 2.5 Mbit/s, as the recorder's 720p rows.
            var bitrate = size == DefaultSize ? (codec == "H264" ? "1000k" : "800k") : "2500k";
            List<string> video = codec == "H264"
                ? ["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "baseline", "-g", "30", "-pix_fmt", "yuv420p", "-b:v", bitrate]
                : ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-lag-in-frames", "0", "-error-resilient", "1", "-g", "30", "-b:v", bitrate];
            var partial = file + ".part.mkv";
            using var encode = FfmpegProcess.Start("ffmpeg", [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-t", length, "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30",
                "-t", length, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-map", "0:v", "-map", "1:a", .. video, "-c:a", "libopus", "-b:a", "48k", partial,
            ]);
            var code = await encode.Exited.WaitAsync(TimeSpan.FromSeconds(300));
            Assert.True(code == 0, "encoding the studio's media failed: " + encode.Reason);
            File.Move(partial, file);
            return file;
        }
        finally
        {
            SourceGate.Release();
        }
    }

    private async Task ForwardAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var received = await _rtp.ReceiveAsync(cancellationToken);
                Forward(received.Buffer);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private void Forward(byte[] packet)
    {
        if (packet.Length < 12 || packet[0] >> 6 != 2) return;
        var pt = (byte)(packet[1] & 0x7f);
        if (pt != _videoPt && pt != ClientOfferWriter.OpusPayloadType) return; // RTCP (PT 72–76 with the marker bit)
        var header = 12 + 4 * (packet[0] & 0x0f);
        if ((packet[0] & 0x10) != 0 && packet.Length >= header + 4)
            header += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(header + 2));
        var end = packet.Length - ((packet[0] & 0x20) != 0 ? packet[^1] : 0);
        if (end <= header) return;
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));
        var timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4));
        var marker = (packet[1] & 0x80) != 0;
        var video = pt == _videoPt;
        Interlocked.CompareExchange(ref _firstPacket, Stopwatch.GetTimestamp(), 0);
        if (video)
        {
            lock (_stop)
            {
                _firstVideoTimestamp ??= timestamp;
                _lastVideoTimestamp = timestamp;
            }

            Interlocked.Increment(ref _videoPackets);
        }

        _client.SendRtp(pt, sequence, timestamp, video ? _client.VideoSsrc : _client.AudioSsrc, marker, packet.AsSpan(header, end - header));
    }

    /// <summary>Waits (bounded) for ffmpeg to have sent all its media.</summary>
    public async Task SentAsync(TimeSpan limit)
    {
        var code = await SenderExited.WaitAsync(limit);
        Assert.True(code == 0, "the studio's ffmpeg failed: " + SenderReason);
    }

    /// <summary>"End lesson": the studio's own DELETE of its WHIP session.</summary>
    public async Task EndLessonAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, _client.Resource);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, "WHIP DELETE answered " + (int)response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _ffmpeg?.Dispose();
        _rtp.Dispose();
        await _forward;
        await _client.DisposeAsync();
        _stop.Dispose();
    }
}
