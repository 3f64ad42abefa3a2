using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace Classroom.MediaRelay.Dtls;

/// <summary>
/// Feeds BouncyCastle's blocking DTLS engine from the relay's shared receive loop. The socket
/// loop <see cref="Enqueue"/>s DTLS records (RFC 7983 first byte 20..63); the handshake worker
/// blocks in <see cref="Receive(byte[], int, int, int)"/> at most <c>waitMillis</c> and gets −1
/// on timeout, which drives BouncyCastle's retransmission timer. Sends go straight to the
/// session's current path.
/// </summary>
internal sealed class QueuedDatagramTransport : DatagramTransport
{
    /// <summary>Records held while the worker is busy; beyond it new ones are dropped (DTLS retransmits).</summary>
    private const int MaxQueued = 64;

    /// <summary>Conservative path MTU for payloads (IPv4 1500 − IP/UDP − ICE-TCP framing headroom).</summary>
    private const int Mtu = 1200;

    private readonly BlockingCollection<byte[]> _queue = new(new ConcurrentQueue<byte[]>(), MaxQueued);
    private readonly Action<ReadOnlyMemory<byte>> _send;
    private volatile bool _closed;
    private long _firstSend;
    private long _firstReceive;

    public QueuedDatagramTransport(Action<ReadOnlyMemory<byte>> send) => _send = send;

    public bool IsClosed => _closed;

    /// <summary>Stopwatch timestamp of the first record sent (0: none yet); join timing only.</summary>
    public long FirstSendTimestamp => Interlocked.Read(ref _firstSend);

    /// <summary>Stopwatch timestamp of the first record received (0: none yet).</summary>
    public long FirstReceiveTimestamp => Interlocked.Read(ref _firstReceive);

    /// <summary>Called by the receive loop; copies the record. False when full or closed (counted as a drop).</summary>
    public bool Enqueue(ReadOnlySpan<byte> record)
    {
        if (_closed) return false;
        if (Interlocked.Read(ref _firstReceive) == 0) Interlocked.CompareExchange(ref _firstReceive, System.Diagnostics.Stopwatch.GetTimestamp(), 0);
        try
        {
            return _queue.TryAdd(record.ToArray());
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Closed between the check above and the add (another thread closed the session).
            return false;
        }
    }

    public int GetReceiveLimit() => 1500;

    public int GetSendLimit() => Mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        // A closed session must free its handshake worker now, not after BouncyCastle's own
        // timeout: −1 would only mean "nothing yet, retransmit", so closing throws instead.
        if (_closed) throw new IOException("DTLS transport closed");
        try
        {
            if (!_queue.TryTake(out var record, Math.Max(0, waitMillis))) return _closed ? throw new IOException("DTLS transport closed") : -1;
            var n = Math.Min(record.Length, buffer.Length);
            record.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        catch (ObjectDisposedException)
        {
            throw new IOException("DTLS transport closed");
        }
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (_closed) return;
        if (Interlocked.Read(ref _firstSend) == 0) Interlocked.CompareExchange(ref _firstSend, System.Diagnostics.Stopwatch.GetTimestamp(), 0);
        _send(buffer.ToArray());
    }

    public void Close()
    {
        _closed = true;
        _queue.CompleteAdding();
    }
}
