using Classroom.MediaRelay.Client;

namespace Classroom.LoadTool.Engine;

/// <summary>How one player joins a server: WHEP at the relay, a streaming-plugin watch at Janus. Returns once SRTP is up.</summary>
public interface IPlayerConnector : IAsyncDisposable
{
    /// <summary>Names the server kind in the report ("relay", "janus").</summary>
    string Target { get; }

    Task<RelayClient> ConnectAsync(int index, CancellationToken cancellationToken);
}
