using System.Diagnostics;
using System.Net;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Ice;

namespace Classroom.LoadTool.Janus;

/// <summary>
/// Joins a full-ICE offerer (Janus's streaming plugin sends the offer) with the relay's client
/// core: the offerer controls (RFC 8445 §6.1.1), so the client is ICE-controlled — it answers the
/// peer's checks and sends its own without USE-CANDIDATE — and the DTLS client (a=setup:active
/// against actpass, RFC 5763 §5). Only the load tool talks to Janus, so this lives here, not in
/// the relay.
/// </summary>
internal static class OfferAnswerer
{
    /// <summary>
    /// <paramref name="sendAnswer"/> gets the local ICE credentials, certificate fingerprint and
    /// UDP endpoint and delivers the SDP answer; then ICE and DTLS run as for a WHEP join.
    /// </summary>
    public static async Task<RelayClient> AnswerAsync(string offer, IPAddress localAddress,
        Func<IceCredentials, string, IPEndPoint, CancellationToken, Task> sendAnswer, ClientJoinOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sendAnswer);
        ArgumentNullException.ThrowIfNull(options);
        var start = Stopwatch.GetTimestamp();
        var parsed = AnswerCandidates.Read(offer) ?? throw new InvalidOperationException("the offer lacks ICE credentials, fingerprint or a UDP candidate");
        var client = RelayClient.OpenControlled(parsed.Udp, localAddress, new IceCredentials(parsed.IceUfrag, parsed.IcePwd), options);
        try
        {
            await sendAnswer(client.LocalIce, client.LocalFingerprint, client.LocalEndPoint, cancellationToken).ConfigureAwait(false);
            var answered = Stopwatch.GetTimestamp();
            await client.EstablishAsync(parsed.Fingerprint, start, answered, "offerer", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return client;
    }
}
