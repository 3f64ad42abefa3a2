using System.Net;
using System.Net.Sockets;
using Classroom.Contracts.Recordings;
using Classroom.MediaRelay.Ingest.Rtmp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// The RTMP (and SRT) bridge for hardware recording hosts (docs/ingest.md): one public port, the
/// studio named by its stream key, checked against the scheduler (<see cref="IStudioIngestDirectory"/>)
/// before any media is read; an accepted push becomes a <see cref="StudioFeed"/> into the studio's
/// current lesson. Runs only when enabled and when the scheduler's directory is in this server.
/// </summary>
internal sealed class IngestBridge : IHostedService, IStudioIngestStatus
{
    private readonly IngestOptions _options;
    private readonly MediaRelayOptions _relay;
    private readonly MediaRelayRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly IngestLog _log;
    private readonly IStudioIngestDirectory? _directory;
    private readonly IngestStatusBoard _board;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _pending;
    private readonly Dictionary<long, CancellationTokenSource> _connections = [];
    private readonly List<Task> _running = [];
    private TcpListener? _rtmp;
    private Task? _accepting;
    private SrtFront? _srt;

    public IngestBridge(IOptions<IngestOptions> options, IOptions<MediaRelayOptions> relay, MediaRelayRuntime runtime, TimeProvider time, IngestLog log, IServiceProvider services)
    {
        _options = options.Value;
        _relay = relay.Value;
        _runtime = runtime;
        _time = time;
        _log = log;
        _directory = services.GetService<IStudioIngestDirectory>();
        _board = new IngestStatusBoard(time);
        _pending = new SemaphoreSlim(_options.MaxPendingConnections);
    }

    public IngestPorts Ports => _board.Ports;

    public StudioIngestStatus StatusOf(long studioId) => _board.StatusOf(studioId);

    /// <summary>The feed a studio's host pushes now (tests).</summary>
    internal StudioFeed? FeedOf(long studioId) => _board.For(studioId).Feed;

    /// <summary>True while the bridge is stopping (fronts stop taking connections).</summary>
    internal CancellationToken Stopping => _stop.Token;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled || _directory is null) return Task.CompletedTask;
        var address = IPAddress.Parse(string.IsNullOrEmpty(_options.BindAddress) ? _relay.BindAddress : _options.BindAddress);
        _rtmp = new TcpListener(address, _options.RtmpPort);
        _rtmp.Start(64);
        var rtmpPort = ((IPEndPoint)_rtmp.LocalEndpoint).Port;
        int? srtPort = null;
        if (_options.SrtPort >= 0)
        {
            _srt = new SrtFront(address, _options.SrtPort, this, _options, _log);
            srtPort = _srt.Start();
        }

        _board.Ports = new IngestPorts(rtmpPort, srtPort);
        _board.Listening = true;
        _log.Listening(_rtmp.LocalEndpoint.ToString()!, srtPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off");
        _accepting = Task.Run(AcceptRtmpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _rtmp?.Stop();
        if (_srt is not null) await _srt.DisposeAsync().ConfigureAwait(false);
        if (_accepting is not null) await _accepting.ConfigureAwait(false);
        Task[] running;
        lock (_running) running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(false);
        _board.Listening = false;
    }

    private async Task AcceptRtmpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _rtmp!.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }

            if (!_pending.Wait(0))
            {
                socket.Dispose(); // too many still proving their key
                continue;
            }

            Track(HandleRtmpAsync(socket));
        }
    }

    private void Track(Task task)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task HandleRtmpAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        var released = false;
        try
        {
            socket.NoDelay = true;
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var session = new RtmpPublishSession(stream);
            using var auth = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            auth.CancelAfter(TimeSpan.FromSeconds(_options.AuthTimeoutSeconds));
            var key = await session.ReadPublishAsync(auth.Token).ConfigureAwait(false);
            if (key is null) return;
            var accepted = await Accept(key, "rtmp", remote, null, auth.Token).ConfigureAwait(false);
            if (accepted.Feed is null)
            {
                await session.StatusAsync(true, accepted.Code, accepted.Reason, auth.Token).ConfigureAwait(false);
                return;
            }

            _pending.Release();
            released = true;
            await using var feed = accepted.Feed;
            using var connection = accepted.Connection!;
            var reason = "the connection failed";
            try
            {
                await session.StatusAsync(false, "NetStream.Publish.Start", "Publishing to the studio's lesson.", connection.Token).ConfigureAwait(false);
                reason = await PumpAsync(session, feed, connection.Token).ConfigureAwait(false);
            }
            finally
            {
                Release(accepted.StudioId, connection, feed);
                _log.Disconnected(accepted.StudioId, reason);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or OperationCanceledException or EndOfStreamException or ObjectDisposedException)
        {
            _log.Refused(remote, e.Message);
        }
        finally
        {
            if (!released) _pending.Release();
        }
    }

    /// <summary>FCUnpublish or deleteStream: an encoder stopping its stream on purpose (ffmpeg and OBS send them on a clean stop).</summary>
    internal static bool IsUnpublish(ReadOnlySpan<byte> amf) =>
        amf.Length > 3 && amf[0] == 0x02 && Amf0.TryReadAll(amf, out var values) && values.Count > 0
        && values[0] is string command && command is "FCUnpublish" or "deleteStream" or "closeStream";

    private async Task<string> PumpAsync(RtmpPublishSession session, StudioFeed feed, CancellationToken ct)
    {
        session.Reader.MaxMessageBytes = _options.MaxMessageBytes;
        var counted = session.Reader.BytesRead;
        var acknowledged = counted;
        try
        {
            while (await session.Reader.ReadAsync(ct).ConfigureAwait(false) is { } message)
            {
                feed.AddBytes(session.Reader.BytesRead - counted);
                counted = session.Reader.BytesRead;
                if (session.PeerWindow > 0 && counted - acknowledged >= session.PeerWindow)
                {
                    acknowledged = counted;
                    await session.Writer.WriteControlAsync(RtmpMessageType.Acknowledgement, (uint)counted, ct).ConfigureAwait(false);
                }

                if (message.Type == RtmpMessageType.CommandAmf0 && IsUnpublish(message.Body))
                {
                    feed.EndedByHost = true;
                    return "the host ended its stream";
                }

                await feed.WriteAsync(message).ConfigureAwait(false);
            }

            return "the host closed the connection";
        }
        catch (OperationCanceledException)
        {
            return _stop.IsCancellationRequested ? "server stopping" : "replaced by a newer push";
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or EndOfStreamException)
        {
            return e.Message;
        }
    }

    /// <summary>The outcome of a key check: a started feed, or the RTMP status code and reason of a refusal.</summary>
    internal sealed record Accepted(StudioFeed? Feed, long StudioId, CancellationTokenSource? Connection, string Code, string Reason);

    /// <summary>
    /// Checks a key and, when it names a studio holding a lesson now, starts its feed (a newer push of
    /// the same studio replaces the older one, as a reloaded browser studio does). Shared by RTMP and SRT.
    /// </summary>
    internal async Task<Accepted> Accept(string key, string protocol, string remote, int? srtListenPort, CancellationToken ct)
    {
        var studio = await _directory!.FindByStreamKeyAsync(key, ct).ConfigureAwait(false);
        if (studio is null)
        {
            var why = $"wrong or rotated stream key ({protocol} from {remote})";
            _board.RefuseUnknownKey(why);
            _log.Refused(remote, why);
            return new Accepted(null, 0, null, "NetStream.Publish.BadName", "Stream key refused.");
        }

        var lesson = await _directory.CurrentLessonAsync(studio.StudioId, _time.GetUtcNow(), ct).ConfigureAwait(false);
        if (lesson is null)
        {
            var why = $"no lesson in studio {studio.StudioName} now ({protocol} from {remote})";
            _board.Refuse(studio.StudioId, why);
            _log.Refused(remote, why);
            return new Accepted(null, studio.StudioId, null, "NetStream.Publish.Rejected", "The studio has no lesson now.");
        }

        var entry = _board.For(studio.StudioId);
        var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        lock (_connections)
        {
            if (_connections.Remove(studio.StudioId, out var older)) older.Cancel();
            _connections[studio.StudioId] = connection;
        }

        var feed = new StudioFeed(studio, protocol, lesson, _runtime.Rooms, _directory, _options, _time, entry, _log, srtListenPort);
        entry.Feed = feed;
        feed.Start();
        _log.Connected(studio.StudioId, protocol, remote, lesson);
        return new Accepted(feed, studio.StudioId, connection, "NetStream.Publish.Start", "ok");
    }

    /// <summary>A feed ended: it leaves the status board unless a newer push already took its place.</summary>
    internal void Release(long studioId, CancellationTokenSource connection, StudioFeed feed)
    {
        lock (_connections)
        {
            if (_connections.TryGetValue(studioId, out var current) && ReferenceEquals(current, connection)) _connections.Remove(studioId);
        }

        var entry = _board.For(studioId);
        if (ReferenceEquals(entry.Feed, feed)) entry.Feed = null;
    }
}
