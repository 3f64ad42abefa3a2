using Classroom.LoadTool.Engine;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.LoadTool.Relay;

/// <summary>Players join our relay through WHEP with the relay's own client (full ICE, DTLS client, SRTP).</summary>
internal sealed class WhepConnector(HttpClient http, Uri whepUrl, string playToken, ClientJoinOptions? options = null) : IPlayerConnector
{
    public string Target => "relay";

    public Task<RelayClient> ConnectAsync(int index, ReceivedPacketObserver observer, CancellationToken cancellationToken) =>
        RelayClient.ConnectAsync(http, whepUrl, playToken, SessionRole.Player, (options ?? ClientJoinOptions.Default) with { Observer = observer }, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
