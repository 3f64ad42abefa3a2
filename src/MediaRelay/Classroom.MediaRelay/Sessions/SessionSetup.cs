using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.MediaRelay.Sessions;

/// <summary>
/// What a session is created from: the negotiated offer and who asked. <see cref="MaxLayer"/> is a
/// player's simulcast ceiling from WHEP's <c>?maxLayer=</c> (0 low, 1 mid, 2 high = none), for
/// its <see cref="Simulcast.LayerSelector"/>.
/// </summary>
internal sealed record SessionSetup(
    string Id,
    string LessonId,
    string Subject,
    SessionRole Role,
    IReadOnlyList<NegotiatedTrack> Tracks,
    string RemoteFingerprint,
    IceCredentials RemoteIce,
    IceCredentials LocalIce)
{
    /// <summary>"No ceiling": the highest layer (<see cref="Simulcast.LayerSelector.High"/>).</summary>
    public const int NoCeiling = 2;

    /// <summary>The creating token's id (jti), for revocation by token.</summary>
    public string? TokenId { get; init; }

    /// <summary>The client's address key (<see cref="SessionOwner.AddressKey"/>), for the per-address cap.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>A publisher's producer id (<see cref="Rooms.ProducerIds"/>).</summary>
    public string ProducerId { get; init; } = Rooms.ProducerIds.Studio;

    /// <summary>A player's tracks grouped by the producer each shows (<see cref="Rooms.ConsumerPlans"/>).</summary>
    public IReadOnlyList<Rooms.ConsumerPlan> ConsumerPlans { get; init; } = [];

    /// <summary>The player's highest wanted layer: 0 low, 1 mid, 2 high (default: no ceiling).</summary>
    public int MaxLayer { get; init; } = NoCeiling;
}
