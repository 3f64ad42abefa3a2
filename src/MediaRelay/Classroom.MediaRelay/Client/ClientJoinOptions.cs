using Classroom.MediaRelay.Dtls;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// How a <see cref="RelayClient"/> joins. The defaults give every client its own certificate,
/// handshake worker and async receive loop (tests, an edge relay). A load run with hundreds of
/// players shares one <see cref="Handshaker"/> (one certificate made once, as a browser keeps its
/// certificate across connections) and one <see cref="Receiver"/> (the tool's few epoll threads
/// instead of one receive loop per player on the thread pool).
/// </summary>
internal sealed record ClientJoinOptions
{
    public static ClientJoinOptions Default { get; } = new();

    /// <summary>Shared DTLS identity and handshake workers; null: a fresh one per client (disposed with it).</summary>
    public DtlsHandshaker? Handshaker { get; init; }

    /// <summary>Shared receive threads; null: the client runs its own async receive loop.</summary>
    public IClientReceiver? Receiver { get; init; }

    /// <summary>
    /// Sees every decrypted packet from the first one on, including those that arrived while the
    /// keys were being set (a relay's cache replay starts the moment its side of DTLS is done).
    /// Per client: use <c>options with { Observer = … }</c>.
    /// </summary>
    public ReceivedPacketObserver? Observer { get; init; }

    /// <summary>
    /// Audio and video sections to offer (default one each). A publisher's second video section
    /// is the studio's courseware (sent on <see cref="RelayClient.SecondVideoSsrc"/>); a player's
    /// sections are spread over the producers its WHEP URL asks for.
    /// </summary>
    public int AudioSections { get; init; } = 1;

    public int VideoSections { get; init; } = 1;

    /// <summary>
    /// A publisher that lists H.264 before VP8 (as the studio page does when recording) sends H.264
    /// (PT 106, <see cref="ClientOfferWriter.H264PayloadType"/>); default VP8 (PT 96).
    /// </summary>
    public bool PreferH264 { get; init; }

    /// <summary>DTLS handshake limit of a client's own handshaker (ignored with a shared <see cref="Handshaker"/>).</summary>
    public TimeSpan DtlsTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
