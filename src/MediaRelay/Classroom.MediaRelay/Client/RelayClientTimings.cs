using System.Diagnostics;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// Where a join spent its time, as <see cref="Stopwatch.GetTimestamp"/> values (CLOCK_MONOTONIC on
/// Linux, comparable across processes of one host). Steps: the offer/answer exchange (WHEP POST or
/// the offerer's SDP), ICE until the first authenticated check response, then DTLS — split into
/// "our ClientHello left" (worker scheduling on this side), "the first record of the peer's flight
/// arrived" (the peer's queueing and its first flight's crypto), and "keys exported".
/// A step that did not happen reads 0.
/// </summary>
internal readonly record struct RelayClientTimings(long Start, long Answered, long IceDone, long DtlsFirstSend, long DtlsFirstReceive, long DtlsDone)
{
    public double SignalingMs => Ms(Start, Answered);

    public double IceMs => Ms(Answered, IceDone);

    /// <summary>ICE done → ClientHello sent: waiting for a handshake worker on this side.</summary>
    public double DtlsStartMs => Ms(IceDone, DtlsFirstSend);

    /// <summary>ClientHello sent → first record of the server's flight: the server's queueing plus its ServerHello…ServerHelloDone work.</summary>
    public double DtlsFirstReplyMs => Ms(DtlsFirstSend, DtlsFirstReceive);

    /// <summary>First server record → keys exported: our key exchange, signature and Finished, the server's verification and Finished.</summary>
    public double DtlsRestMs => Ms(DtlsFirstReceive, DtlsDone);

    public double TotalMs => Ms(Start, DtlsDone);

    private static double Ms(long from, long to) => from == 0 || to == 0 ? 0 : Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
