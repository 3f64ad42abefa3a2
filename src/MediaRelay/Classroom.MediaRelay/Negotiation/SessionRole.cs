namespace Classroom.MediaRelay.Negotiation;

/// <summary>Which side of the room a session is on.</summary>
public enum SessionRole
{
    /// <summary>WHIP: sends media into the room.</summary>
    Publisher,

    /// <summary>WHEP: receives the room's media.</summary>
    Player,
}
