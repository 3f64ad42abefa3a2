using Classroom.Contracts.Access;
using Classroom.Identity.Access;
using Classroom.Identity.Auth;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity.Api;

/// <summary>
/// Device enrolment by pairing code (docs/access.md "Devices"): the projector PC asks for a code
/// and shows it; an admin of the school types it in for a classroom (or studio); the PC, polling
/// with a secret only it holds, receives its own credential as an HttpOnly cookie (encoders: in the
/// body). Revoking a device ends its live hub and media sessions.
/// </summary>
public static class DeviceEndpoints
{
    public sealed record PairingStart(string? Kind);
    public sealed record PairingClaim(string? PollSecret, bool? Body);
    public sealed record EnrolRequest(string? Code, string? Name);
    public sealed record PairingCode(long PairingId, string Code, string PollSecret, DateTimeOffset ExpiresAt);
    public sealed record PairingState(string State, DeviceView? Device = null, string? Credential = null);
    public sealed record DeviceView(long Id, string Name, string Kind, long SchoolId, long? ClassroomId, long? StudioId, DateTimeOffset CreatedAt, string EnrolledBy, bool Revoked, DateTimeOffset? LastSeenAt, bool Online);

    public const string ProtectorPurpose = "classroom.device-pairing";

    public static IEndpointRouteBuilder MapDevices(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Identity");

        api.MapPost("/devices/pairing", async (PairingStart r, HttpContext http, AccountDbContext db, IOptions<AccountOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var code = Secrets.NewPairingCode();
            var poll = Secrets.NewSecret();
            var now = clock.GetUtcNow();
            var request = new PairingRequest
            {
                CodeHash = Secrets.Hash(code), PollSecretHash = Secrets.Hash(poll),
                CreatedUtcTicks = now.UtcTicks, ExpiresUtcTicks = now.AddMinutes(options.Value.PairingCodeMinutes).UtcTicks,
            };
            db.PairingRequests.Add(request);
            await db.PairingRequests.Where(p => p.ExpiresUtcTicks < now.UtcTicks).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            return Results.Ok(new PairingCode(request.Id, code[..4] + "-" + code[4..], poll, now.AddMinutes(options.Value.PairingCodeMinutes)));
        }).WithMetadata(new PublicEndpoint("an unenrolled device asks for a pairing code"))
            .Produces<PairingCode>().RequireRateLimiting(RateLimitPolicies.DevicePairing);

        api.MapPost("/devices/pairing/{pairingId:long}/claim", async (long pairingId, PairingClaim r, HttpContext http, AccountDbContext db,
            IDataProtectionProvider protection, TimeProvider clock, CancellationToken ct) =>
        {
            var request = await db.PairingRequests.FirstOrDefaultAsync(p => p.Id == pairingId, ct);
            if (request is null || r.PollSecret is null || !Secrets.Matches(request.PollSecretHash, r.PollSecret))
                return AccessProblems.Problem(http, StatusCodes.Status404NotFound, "not_found", "配对请求不存在。", "No such pairing request.");
            if (request.ExpiresUtcTicks < clock.GetUtcNow().UtcTicks)
                return AccessProblems.Problem(http, StatusCodes.Status410Gone, "expired", "配对码已过期，请重新获取。", "The pairing code expired; ask for a new one.");
            if (request.DeviceId is null) return Results.Accepted(value: new PairingState("pending"));

            if (request.PendingCredential is null)
                return AccessProblems.Problem(http, StatusCodes.Status410Gone, "claimed", "此配对已完成。", "This pairing was already completed.");
            var credential = protection.CreateProtector(ProtectorPurpose).Unprotect(request.PendingCredential);
            db.PairingRequests.Remove(request);
            await db.SaveChangesAsync(ct);
            var device = await db.Devices.AsNoTracking().FirstAsync(d => d.Id == request.DeviceId, ct);
            SetDeviceCookie(http, credential);
            return Results.Ok(new PairingState("enrolled", View(device), r.Body == true ? credential : null));
        }).WithMetadata(new PublicEndpoint("the device's own poll secret is checked by the handler"))
            .Produces<PairingState>().Produces<PairingState>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).RequireRateLimiting(RateLimitPolicies.Kiosk);

        api.MapPost("/classrooms/{classroomId:long}/devices", (long classroomId, EnrolRequest r, HttpContext http, AccountDbContext db,
            IDataProtectionProvider protection, TimeProvider clock, ILogger<AccountOptions> logger, CancellationToken ct) =>
            EnrolAsync(http, r, DeviceKind.Classroom, db, protection, clock, logger, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Classroom, "classroomId"))
            .Produces<DeviceView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).RequireRateLimiting(RateLimitPolicies.DevicePairing);

        api.MapPost("/studios/{studioId:long}/devices", (long studioId, EnrolRequest r, HttpContext http, AccountDbContext db,
            IDataProtectionProvider protection, TimeProvider clock, ILogger<AccountOptions> logger, CancellationToken ct) =>
            EnrolAsync(http, r, DeviceKind.Studio, db, protection, clock, logger, ct, studioId))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Studio, "studioId"))
            .Produces<DeviceView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).RequireRateLimiting(RateLimitPolicies.DevicePairing);

        api.MapGet("/schools/{id:long}/devices", async (long id, AccountDbContext db, TimeProvider clock, CancellationToken ct) =>
            Results.Ok((await db.Devices.AsNoTracking().Where(d => d.SchoolId == id).OrderBy(d => d.Id).ToListAsync(ct)).Select(d => View(d, clock.GetUtcNow()))))
            .WithMetadata(new AccessRule(Permission.Read, ResourceKind.School))
            .Produces<List<DeviceView>>();

        api.MapDelete("/devices/{id:long}", async (long id, HttpContext http, AccountDbContext db, Revocations revocations, TimeProvider clock,
            ILogger<AccountOptions> logger, CancellationToken ct) =>
        {
            var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, ct);
            if (device is null) return AccessProblems.NotFound(http, ResourceKind.Device, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var now = clock.GetUtcNow();
            device.RevokedUtcTicks ??= now.UtcTicks;
            await db.SaveChangesAsync(ct);
            // Join tokens the device holds live until their lesson ends (at most a day): refuse them and close what they opened.
            revocations.Publish(new Revocation(Principals.SubjectOf(device), null, null, now.AddDays(2), "device revoked"));
            IdentityLog.DeviceRevoked(logger, id, AccessClaims.SubjectOf(http.User) ?? "?");
            return Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Device))
            .Produces(StatusCodes.Status204NoContent);

        api.MapGet("/device", async (HttpContext http, AccountDbContext db, CancellationToken ct) =>
        {
            var grant = AccessClaims.GrantsOf(http.User).FirstOrDefault(g => g.Role == AccountRole.Device);
            var subject = AccessClaims.SubjectOf(http.User);
            if (grant is null || subject is null) return AccessProblems.Problem(http, StatusCodes.Status403Forbidden, "forbidden", "此页面需要已登记的设备。", "This needs an enrolled device.");
            var deviceId = long.Parse(subject.AsSpan(7), System.Globalization.CultureInfo.InvariantCulture);
            var device = await db.Devices.AsNoTracking().FirstAsync(d => d.Id == deviceId, ct);
            return Results.Ok(View(device));
        }).WithMetadata(new SignedInEndpoint("the device's own record"))
            .Produces<DeviceView>();

        return app;
    }

    private static async Task<IResult> EnrolAsync(HttpContext http, EnrolRequest r, DeviceKind kind, AccountDbContext db, IDataProtectionProvider protection,
        TimeProvider clock, ILogger logger, CancellationToken ct, long? studioId = null)
    {
        var scope = (ResourceScope)http.Items[AccessItems.Scope]!;
        var code = Secrets.NormalizeCode(r.Code);
        var now = clock.GetUtcNow().UtcTicks;
        var hash = Secrets.Hash(code);
        var request = code.Length == 8 ? await db.PairingRequests.FirstOrDefaultAsync(p => p.CodeHash == hash && p.DeviceId == null && p.ExpiresUtcTicks >= now, ct) : null;
        if (request is null)
            return AccessProblems.Problem(http, StatusCodes.Status404NotFound, "code_unknown", "配对码不存在或已过期，请核对投影屏幕上的代码。", "No pending device shows that code (or it expired); check the code on the screen.");
        var secret = Secrets.NewSecret();
        var device = new Device
        {
            Name = string.IsNullOrWhiteSpace(r.Name) ? (kind == DeviceKind.Classroom ? "教室电脑" : "录播主机") : r.Name.Trim()[..Math.Min(r.Name.Trim().Length, 100)],
            Kind = kind, AllianceId = scope.AllianceId ?? 0, SchoolId = scope.SchoolId ?? 0,
            ClassroomId = kind == DeviceKind.Classroom ? scope.ClassroomId : null, StudioId = studioId,
            SecretHash = Secrets.Hash(secret), CreatedUtcTicks = now, EnrolledBy = AccessClaims.SubjectOf(http.User) ?? "?",
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync(ct);
        request.DeviceId = device.Id;
        request.PendingCredential = protection.CreateProtector(ProtectorPurpose).Protect(Secrets.Compose(Secrets.DevicePrefix, device.Id, secret));
        await db.SaveChangesAsync(ct);
        IdentityLog.DeviceEnrolled(logger, device.Id, device.SchoolId, device.EnrolledBy);
        return Results.Created($"/api/devices/{device.Id}", View(device));
    }

    private static void SetDeviceCookie(HttpContext http, string credential) =>
        http.Response.Cookies.Append(AuthSchemes.DeviceCookie, credential, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", MaxAge = TimeSpan.FromDays(400), IsEssential = true,
        });

    /// <summary>
    /// A device as admins see it. Online: last seen less than <see cref="DeviceHandler.LastSeenPrecision"/> + 1 minute ago (the
    /// handler notes a sighting at most that often), by the server's clock, so a wrong clock on the office PC does not matter.
    /// </summary>
    internal static DeviceView View(Device d) => View(d, null);

    internal static DeviceView View(Device d, DateTimeOffset? now) =>
        new(d.Id, d.Name, d.Kind == DeviceKind.Classroom ? "classroom" : "studio", d.SchoolId, d.ClassroomId, d.StudioId,
            new DateTimeOffset(d.CreatedUtcTicks, TimeSpan.Zero), d.EnrolledBy, d.RevokedUtcTicks is not null,
            d.LastSeenUtcTicks is { } seen ? new DateTimeOffset(seen, TimeSpan.Zero) : null,
            d.RevokedUtcTicks is null && d.LastSeenUtcTicks is { } last && now is { } at && at.UtcTicks - last < DeviceHandler.LastSeenPrecision.Ticks + TimeSpan.FromMinutes(1).Ticks);
}
