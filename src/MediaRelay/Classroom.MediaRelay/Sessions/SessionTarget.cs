namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// What a new session is for, beyond its role: the producer a publisher feeds (WHIP; null =
/// the studio), the producers a player receives (WHEP <c>?producers=</c>; null = the studio and
/// the room on stage), and a player's simulcast ceiling (<c>?maxLayer=</c>).
/// </summary>
public sealed record SessionTarget
{
    /// <summary>"studio", "stage:{classroom}" or "room:{classroom}".</summary>
    public string? Producer { get; init; }

    /// <summary>"studio", "stage", "rooms", "stage:{classroom}", "room:{classroom}", in the order the player's sections take them.</summary>
    public IReadOnlyList<string>? Producers { get; init; }

    public int MaxLayer { get; init; } = SessionSetup.NoCeiling;
}
