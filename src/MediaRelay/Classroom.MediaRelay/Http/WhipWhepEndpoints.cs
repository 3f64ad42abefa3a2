using System.Text;
using Classroom.Contracts.Access;
using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Classroom.MediaRelay.Http;

/// <summary>
/// WHIP (RFC 9725) at /whip/{lessonId} and WHEP at /whep/{lessonId}: POST an offer → 201 with the
/// answer, Location and ETag; PATCH the resource with a trickle-ice-sdpfrag (§4.4: trickle, or ICE
/// restart when the ufrag changes); DELETE the resource to end the session; OPTIONS on both URLs
/// answers RFC 9725 §4.2 and CORS preflights (<see cref="CrossOrigin"/>).
/// </summary>
internal static class WhipWhepEndpoints
{
    /// <summary>What the server-wide authorization layer reads: these endpoints check the lesson's join token themselves.</summary>
    private static readonly PublicEndpoint JoinTokenChecked = new("join token checked by the relay");

    /// <summary>Maps the endpoint family under <paramref name="prefix"/>; returns the POST (session creation) endpoint's builder.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string prefix, SessionRole role, string scope)
    {
        var create = endpoints.MapPost($"/{prefix}/{{lessonId}}", (HttpContext http, string lessonId) => CreateAsync(http, prefix, lessonId, role, scope))
            .DisableAntiforgery()
            .AddEndpointFilter(CrossOrigin.ExposeHeaders)
            .WithMetadata(JoinTokenChecked)
            .WithMetadata(new Classroom.Contracts.Api.RawRequestBody(SdpBodyReader.Sdp, "The SDP offer (RFC 9725 §4.2)")).Produces(StatusCodes.Status201Created, contentType: SdpBodyReader.Sdp)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // RFC 9725 §4.2: OPTIONS (and CORS preflights) on the endpoint and on a session's URL; no token needed.
        endpoints.MapMethods($"/{prefix}/{{lessonId}}", [HttpMethods.Options],
                (HttpContext http) => CrossOrigin.Answer(http, "OPTIONS, POST", SdpBodyReader.Sdp, null))
            .WithMetadata(CrossOrigin.Options);
        endpoints.MapMethods($"/{prefix}/{{lessonId}}/{{resourceId}}", [HttpMethods.Options],
                (HttpContext http) => CrossOrigin.Answer(http, "OPTIONS, PATCH, DELETE", null, SdpBodyReader.TrickleIceSdpFrag))
            .WithMetadata(CrossOrigin.Options);
        endpoints.MapMethods($"/{prefix}/{{lessonId}}/{{resourceId}}", [HttpMethods.Patch],
                (HttpContext http, string lessonId, string resourceId) => PatchAsync(http, lessonId, resourceId, role, scope))
            .DisableAntiforgery()
            .AddEndpointFilter(CrossOrigin.ExposeHeaders)
            .WithMetadata(JoinTokenChecked)
            .WithMetadata(new Classroom.Contracts.Api.RawRequestBody(SdpBodyReader.TrickleIceSdpFrag, "Trickled candidates or an ICE restart (RFC 8840)")).Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status200OK, contentType: SdpBodyReader.TrickleIceSdpFrag)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (role == SessionRole.Player)
        {
            // Which producer each received section shows now (a "rooms" or "stage" section is
            // filled by whichever room publishes): the wall page labels its tiles from this.
            endpoints.MapGet($"/{prefix}/{{lessonId}}/{{resourceId}}",
                    (HttpContext http, string lessonId, string resourceId) => Sections(http, lessonId, resourceId, role, scope))
                .WithMetadata(JoinTokenChecked)
                .Produces<PlayerSections>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }

        endpoints.MapDelete($"/{prefix}/{{lessonId}}/{{resourceId}}",
                (HttpContext http, string lessonId, string resourceId) => Delete(http, lessonId, resourceId, role, scope))
            .AddEndpointFilter(CrossOrigin.ExposeHeaders)
            .WithMetadata(JoinTokenChecked)
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return create;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string prefix, string lessonId, SessionRole role, string scope)
    {
        var services = http.RequestServices;
        if (!LessonOccurrenceId.TryParse(lessonId, out _))
            return RelayProblems.Problem(StatusCodes.Status400BadRequest, "Bad lesson id", "lessonId must look like L{lead}-{yyyyMMdd}", "lessonId");
        // WHIP ?producer=room is a member room's wall camera: the classroom token's "camera" scope, not "publish".
        var wallCamera = role == SessionRole.Publisher && http.Request.Query[ProducerQuery.Single] == "room";
        if (!services.GetRequiredService<RelayTokenAuthorizer>().TryAuthorize(http, lessonId, wallCamera ? JoinTokenScopes.Camera : scope, out var claims, out var failure))
            return failure!;
        // A player's ceiling (docs/simulcast.md); a publisher has none, so WHIP ignores the query.
        var maxLayer = SessionSetup.NoCeiling;
        if (role == SessionRole.Player && !MaxLayerQuery.TryRead(http.Request, out maxLayer, out var maxLayerProblem))
            return maxLayerProblem!;
        var target = role == SessionRole.Publisher ? ProducerQuery.ForPublisher(http.Request, claims!) : ProducerQuery.ForPlayer(http.Request, claims!);
        if (target.Problem is { } producerProblem) return producerProblem;

        var options = services.GetRequiredService<IOptions<MediaRelayOptions>>().Value;
        var runtime = services.GetRequiredService<MediaRelayRuntime>();
        if (runtime.SessionCount >= options.MaxSessions)
        {
            http.Response.Headers.RetryAfter = "5";
            return RelayProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Relay full",
                $"this relay serves at most {options.MaxSessions} sessions; retry or use another relay", "MaxSessions");
        }

        var (sdp, bodyFailure) = await SdpBodyReader.ReadAsync(http.Request, SdpBodyReader.Sdp, options.MaxSdpBytes).ConfigureAwait(false);
        if (bodyFailure is not null) return bodyFailure;

        var owner = new SessionOwner(claims!.Subject, claims.TokenId, SessionOwner.AddressKey(http.Connection.RemoteIpAddress));
        var result = runtime.CreateSession(lessonId, role, owner, sdp!, target.Target! with { MaxLayer = maxLayer });
        if (result.LimitOption is { } limit)
        {
            // An abandoned session (a client that vanished without DELETE) frees its slot when its consent expires.
            http.Response.Headers.RetryAfter = options.ConsentTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RelayProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many sessions", result.Error!, limit);
        }

        if (result.Session is not { } session)
            return RelayProblems.Problem(StatusCodes.Status400BadRequest, "Offer refused", result.Error!, "sdp");

        http.Response.Headers.Location = $"/{prefix}/{lessonId}/{session.Id}";
        http.Response.Headers.ETag = session.ETag;
        http.Response.Headers["Accept-Patch"] = SdpBodyReader.TrickleIceSdpFrag;
        return Results.Text(result.Answer!, SdpBodyReader.Sdp, Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static async Task<IResult> PatchAsync(HttpContext http, string lessonId, string resourceId, SessionRole role, string scope)
    {
        var (session, failure) = Find(http, lessonId, resourceId, role, scope);
        if (session is null) return failure!;
        var limit = http.RequestServices.GetRequiredService<IOptions<MediaRelayOptions>>().Value.MaxSdpBytes;
        var (fragment, bodyFailure) = await SdpBodyReader.ReadAsync(http.Request, SdpBodyReader.TrickleIceSdpFrag, limit).ConfigureAwait(false);
        if (bodyFailure is not null) return bodyFailure;

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch != session.ETag)
            return RelayProblems.Problem(StatusCodes.Status412PreconditionFailed, "Stale ETag", "If-Match does not match the session's ICE generation", "If-Match");

        var remote = SdpFragment.ReadIceCredentials(fragment!);
        if (remote is null || remote.Ufrag == session.RemoteIce.Ufrag)
            return Results.NoContent(); // Trickled candidates: a lite agent learns addresses from checks (RFC 8445 §2.5).

        var runtime = http.RequestServices.GetRequiredService<MediaRelayRuntime>();
        var local = runtime.RestartIce(session, remote);
        http.Response.Headers.ETag = session.ETag;
        return Results.Text(SdpFragment.WriteRestartAnswer(session, local, runtime.Candidates), SdpBodyReader.TrickleIceSdpFrag,
            Encoding.UTF8, StatusCodes.Status200OK);
    }

    private static IResult Sections(HttpContext http, string lessonId, string resourceId, SessionRole role, string scope)
    {
        var (session, failure) = Find(http, lessonId, resourceId, role, scope);
        if (session is null) return failure!;
        var sections = new List<PlayerSection>();
        foreach (var plan in session.ConsumerPlans)
        {
            var producer = Array.Find(session.Consumers, c => ReferenceEquals(c.Plan, plan))?.Producer?.Id;
            foreach (var track in new[] { plan.Audio, plan.Video, plan.SecondVideo })
            {
                if (track is not null) sections.Add(new PlayerSection(track.Mid, track.Kind, plan.Selector.Value, producer));
            }
        }

        return Results.Ok(new PlayerSections(session.Id, sections));
    }

    private static IResult Delete(HttpContext http, string lessonId, string resourceId, SessionRole role, string scope)
    {
        var (session, failure) = Find(http, lessonId, resourceId, role, scope);
        if (session is null) return failure!;
        // "?leave=1": the studio page is going away (reload, tab closed), which is not "end lesson": its recording stays open.
        session.Close(http.Request.Query["leave"] == "1" ? "DELETE by a page leaving" : RelaySession.DeletedByClient);
        return Results.Ok();
    }

    private static (RelaySession? Session, IResult? Failure) Find(HttpContext http, string lessonId, string resourceId, SessionRole role, string scope)
    {
        var runtime = http.RequestServices.GetRequiredService<MediaRelayRuntime>();
        runtime.TryGetSession(resourceId, out var found);
        // A room's wall camera was created with the classroom token's "camera" scope (CreateAsync):
        // the same token restarts its ICE and ends it (a reloaded kiosk ends what its last load left).
        if (role == SessionRole.Publisher && found is { Role: SessionRole.Publisher } && found.ProducerId.StartsWith(ProducerIds.RoomPrefix, StringComparison.Ordinal))
            scope = JoinTokenScopes.Camera;
        if (!http.RequestServices.GetRequiredService<RelayTokenAuthorizer>().TryAuthorize(http, lessonId, scope, out var claims, out var failure))
            return (null, failure);
        var session = found;
        if (session is null || session.Role != role ||
            !string.Equals(session.LessonId, lessonId, StringComparison.Ordinal) || session.State == SessionState.Closed)
            return (null, RelayProblems.NotFound($"no {role.ToString().ToLowerInvariant()} session '{resourceId}' in lesson '{lessonId}'"));
        // The resource belongs to the subject that created it (ARCHITECTURE.md): another holder of a
        // token for the same lesson may not restart or end it. Checked after the lookup, so a
        // stranger learns only that the id exists, which the Location header already told its owner.
        if (!string.Equals(session.Subject, claims!.Subject, StringComparison.Ordinal))
            return (null, RelayProblems.NotOwner(resourceId));
        return (session, null);
    }

    public static string ScopeFor(SessionRole role) => role == SessionRole.Publisher ? JoinTokenScopes.Publish : JoinTokenScopes.Play;
}

/// <summary>
/// WHEP's optional <c>?maxLayer=low|mid|high</c>: the highest simulcast layer a player wants (a
/// classroom on a metered link, or a phone), case-insensitive; absent means no ceiling.
/// </summary>
internal static class MaxLayerQuery
{
    public const string Name = "maxLayer";

    /// <summary>0 low, 1 mid, 2 high; false for anything else (also an empty or repeated value).</summary>
    public static bool TryParse(string? value, out int layer)
    {
        layer = value?.ToLowerInvariant() switch
        {
            "low" => 0,
            "mid" => 1,
            "high" => 2,
            _ => -1,
        };
        return layer >= 0;
    }

    /// <summary>Reads the query; on a bad value returns false with a 400 problem naming the field.</summary>
    public static bool TryRead(HttpRequest request, out int maxLayer, out IResult? problem)
    {
        maxLayer = SessionSetup.NoCeiling;
        problem = null;
        if (!request.Query.TryGetValue(Name, out var values)) return true;
        if (values.Count == 1 && TryParse(values[0], out maxLayer)) return true;
        maxLayer = SessionSetup.NoCeiling;
        problem = RelayProblems.Problem(StatusCodes.Status400BadRequest, "Bad maxLayer",
            "maxLayer must be low, mid or high (given once); leave it out for no ceiling", Name);
        return false;
    }
}

/// <summary>
/// Which producer a WHIP session feeds and which producers a WHEP session receives, within what
/// the join token allows (docs/relay-lifecycle.md): the teacher publishes the studio; a room's
/// stage token publishes only as that room on stage (never the studio); a room's own token
/// publishes its wall camera with <c>?producer=room</c>. Rooms and students receive the studio
/// and the stage; only the teacher and observing admins receive room cameras (the wall).
/// </summary>
internal static class ProducerQuery
{
    public const string Single = "producer";
    public const string Many = "producers";

    public static (SessionTarget? Target, IResult? Problem) ForPublisher(HttpRequest request, JoinTokenClaims claims)
    {
        var asked = request.Query[Single].ToString();
        switch (claims.Role)
        {
            case ClassroomRole.Teacher when asked is "" or ProducerIds.Studio:
                return (new SessionTarget { Producer = ProducerIds.Studio }, null);
            case ClassroomRole.Classroom when claims.ClassroomId is { } room && asked is "" or "stage" && claims.HasScope(JoinTokenScopes.Publish):
                return (new SessionTarget { Producer = ProducerIds.Stage(room) }, null);
            case ClassroomRole.Classroom when claims.ClassroomId is { } room && asked == "room":
                return (new SessionTarget { Producer = ProducerIds.Room(room) }, null);
        }

        return (null, RelayProblems.Forbidden(asked.Length == 0
            ? $"a {claims.Role.ToWire()} token does not publish here"
            : $"a {claims.Role.ToWire()} token may not publish as '{asked}'"));
    }

    public static (SessionTarget? Target, IResult? Problem) ForPlayer(HttpRequest request, JoinTokenClaims claims)
    {
        var values = request.Query[Many];
        if (values.Count > 1)
            return (null, RelayProblems.Problem(StatusCodes.Status400BadRequest, "Bad producers", "give producers once, comma-separated", Many));
        var selectors = ConsumerPlanner.Parse(values.Count == 0 ? null : values[0], out var error);
        if (selectors is null)
            return (null, RelayProblems.Problem(StatusCodes.Status400BadRequest, "Bad producers", error!, Many));
        var seesRooms = claims.Role is ClassroomRole.Teacher or ClassroomRole.Admin;
        if (!seesRooms && selectors.FirstOrDefault(s => s.IsRoomCamera) is { } refused)
            return (null, RelayProblems.Forbidden($"only the lead teacher and observers receive room cameras ('{refused.Value}')"));
        return (new SessionTarget { Producers = values.Count == 0 ? null : selectors.Select(s => s.Value).ToArray() }, null);
    }
}

/// <summary>A player's received section: its mid and kind, what it asked for, and the producer it shows now (null while none).</summary>
internal sealed record PlayerSection(string Mid, string Kind, string Wants, string? Producer);

internal sealed record PlayerSections(string Resource, IReadOnlyList<PlayerSection> Sections);
