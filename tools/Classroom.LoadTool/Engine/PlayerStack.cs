using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Dtls;

namespace Classroom.LoadTool.Engine;

/// <summary>
/// What all players of a run share: one DTLS identity and handshake workers (a certificate made
/// once, as a browser keeps its own across connections, instead of an ECDSA key and certificate
/// per player), and the epoll receive threads (docs/load-tool.md "Receive path").
/// </summary>
public sealed class PlayerStack : IDisposable
{
    private readonly DtlsHandshaker _handshaker;
    private readonly EpollReceiver? _receiver;

    public PlayerStack(LoadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // A browser has no short DTLS deadline of its own (it retransmits with a doubling timer); the
        // join's own --connect-timeout bounds it here, as it bounds the whole join.
        _handshaker = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), Math.Max(1, settings.ClientHandshakes), settings.ConnectTimeout);
        _receiver = settings.ReceiveThreads > 0 ? new EpollReceiver(settings.ReceiveThreads) : null;
        Options = new ClientJoinOptions { Handshaker = _handshaker, Receiver = _receiver };
    }

    internal ClientJoinOptions Options { get; }

    /// <summary>Call after every client is disposed.</summary>
    public void Dispose()
    {
        _receiver?.Dispose();
        _handshaker.Dispose();
    }
}
