namespace Classroom.MediaRelay.Transport;

/// <summary>What the socket loops hand every received datagram to (the relay's demultiplexer).</summary>
public interface IDatagramSink
{
    /// <summary>Called on the socket's receive thread; must not block. <paramref name="path"/> identifies the 5-tuple.</summary>
    void OnDatagram(Span<byte> datagram, IMediaPath path);

    /// <summary>A TCP path closed: sessions bound to it lose that path.</summary>
    void OnPathClosed(IMediaPath path);
}
