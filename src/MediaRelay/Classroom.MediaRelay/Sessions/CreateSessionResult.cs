namespace Classroom.MediaRelay.Sessions;

/// <summary>Outcome of a WHIP/WHEP offer: a session and its answer, or why the offer was refused.</summary>
public sealed record CreateSessionResult(RelaySession? Session, string? Answer, string? Error)
{
    /// <summary>When a session cap refused the offer: the option that set the cap (answered 429).</summary>
    public string? LimitOption { get; init; }

    public static CreateSessionResult Refused(string error) => new(null, null, error);

    public static CreateSessionResult Limited(string option, string error) => new(null, null, error) { LimitOption = option };
}
