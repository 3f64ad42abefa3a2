using Org.BouncyCastle.Tls;

namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// A finished DTLS association. Records that arrive after the handshake (the peer retransmitting
/// its last flight because ours was lost, or close_notify) are drained on the thread pool with a
/// 1 ms wait (BouncyCastle reads 0 as "forever"), so no thread blocks between them.
/// </summary>
internal sealed class DtlsChannel(DtlsTransport transport, DtlsOutcome outcome)
{
    private readonly byte[] _scratch = new byte[1500];
    private int _draining;

    public DtlsOutcome Outcome { get; } = outcome;

    /// <summary>Raised once when the peer closes DTLS (close_notify or a fatal alert).</summary>
    public event Action? Closed;

    /// <summary>Processes queued post-handshake records; safe to call from the receive loop.</summary>
    public void Drain()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 1) return;
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.DrainCore(), this, preferLocal: false);
    }

    private void DrainCore()
    {
        try
        {
            // Application data on the DTLS channel is not used by WebRTC media (no SCTP here): discard.
            for (var i = 0; i < 16 && transport.Receive(_scratch, 0, _scratch.Length, 1) >= 0; i++)
            {
            }
        }
        catch (Exception e) when (e is TlsException or IOException or ObjectDisposedException)
        {
            Closed?.Invoke();
        }
        finally
        {
            Volatile.Write(ref _draining, 0);
        }
    }

    public void Close()
    {
        try
        {
            transport.Close();
        }
        catch (Exception e) when (e is TlsException or IOException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }
    }
}
