namespace Classroom.MediaRelay.Sessions;

/// <summary>Outcome of a WHIP/WHEP offer: a session and its answer, or why the offer was refused.</summary>
public sealed record CreateSessionResult(RelaySession? Session, string? Answer, string? Error)
{
    public static CreateSessionResult Refused(string error) => new(null, null, error);
}
