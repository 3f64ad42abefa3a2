namespace Classroom.MediaRelay.Transport;

/// <summary>
/// Bounds on passive ICE-TCP connections: how long a connection may stay without an authenticated
/// STUN check, and how many one remote address may hold at once.
/// </summary>
public sealed record IceTcpLimits(TimeSpan FirstCheckDeadline, int MaxConnectionsPerAddress)
{
    public static readonly IceTcpLimits Default = new(TimeSpan.FromSeconds(5), 64);
}
