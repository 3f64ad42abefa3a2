using Classroom.MediaRelay.Client;

namespace Classroom.LoadTool.Engine;

/// <summary>How one player joins a server: WHEP at the relay, a streaming-plugin watch at Janus. Returns once SRTP is up.</summary>
internal interface IPlayerConnector : IAsyncDisposable
{
    /// <summary>Names the server kind in the report ("relay", "janus").</summary>
    string Target { get; }

    /// <summary>Joins player <paramref name="index"/>; <paramref name="observer"/> sees its packets from the first one (also during the join).</summary>
    Task<RelayClient> ConnectAsync(int index, ReceivedPacketObserver observer, CancellationToken cancellationToken);
}
