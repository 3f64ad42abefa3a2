using System.Globalization;
using Classroom.Contracts.Access;
using Classroom.Contracts.Api;
using Classroom.Identity.Access;
using Classroom.Identity.Auth;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Api;

/// <summary>
/// People within an admin's scope: list, create with grants, reset a password, disable, revoke a
/// token (adding and removing grants later: <see cref="PersonGrantEndpoints"/>). A grant can only be handed out where the admin could act themselves: the grant's
/// resource is resolved like any other and compared by <see cref="AccessPolicy"/>.
/// </summary>
public static class PeopleEndpoints
{
    public sealed record GrantRequest(string? Role, long? AllianceId, long? SchoolId, long? ClassroomId, long? TeacherId);
    public sealed record PersonRequest(string? UserName, string? DisplayName, IReadOnlyList<GrantRequest>? Grants);
    public sealed record DisableRequest(bool Disabled);
    public sealed record PersonCreated(long Id, string? EnrolmentLink);
    public sealed record EnrolmentLinkView(string EnrolmentLink);
    /// <summary>One grant of a person: its id (to remove it, <see cref="PersonGrantEndpoints"/>) and its claim form, e.g. <c>school-admin;a=1;s=3</c>.</summary>
    public sealed record GrantView(long Id, string Grant);
    public sealed record PersonView(long Id, string? UserName, string DisplayName, bool Disabled, bool Locked, bool TwoFactorEnabled, IReadOnlyList<string> Grants,
        IReadOnlyList<GrantView> Roles);

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Identity");

        api.MapGet("/people", async (string? q, int? page, int? pageSize, HttpContext http, AccountDbContext db, TimeProvider clock, CancellationToken ct) =>
            await ListAsync(http, "county", db.Users.AsNoTracking(), q, page, pageSize, db, clock, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.County, null))
            .Produces<List<PersonView>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/alliances/{id:long}/people", async (long id, string? q, int? page, int? pageSize, HttpContext http, AccountDbContext db, TimeProvider clock, CancellationToken ct) =>
            await ListAsync(http, $"alliance:{id}", db.Users.AsNoTracking().Where(p => db.Grants.Any(g => g.PersonId == p.Id && g.AllianceId == id)), q, page, pageSize, db, clock, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Alliance))
            .Produces<List<PersonView>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/schools/{id:long}/people", async (long id, string? q, int? page, int? pageSize, HttpContext http, AccountDbContext db, TimeProvider clock, CancellationToken ct) =>
            await ListAsync(http, $"school:{id}", db.Users.AsNoTracking().Where(p => db.Grants.Any(g => g.PersonId == p.Id && g.SchoolId == id)), q, page, pageSize, db, clock, ct))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.School))
            .Produces<List<PersonView>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPost("/people", async (PersonRequest r, HttpContext http, Accounts accounts, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(r.UserName) || string.IsNullOrWhiteSpace(r.DisplayName) || r.Grants is not { Count: > 0 })
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", "请填写用户名、姓名和至少一个角色。", "Give a user name, a display name and at least one role.");
            var grants = new List<Grant>();
            foreach (var g in r.Grants)
            {
                var (grant, problem) = await ResolveGrantAsync(http, g, ct);
                if (problem is not null) return problem;
                grants.Add(grant!);
            }

            var (created, result) = await accounts.CreateAsync(r.UserName.Trim(), r.DisplayName.Trim(), grants, password: null, ct);
            if (created is null)
                return AccessProblems.Problem(http, StatusCodes.Status409Conflict, "conflict", "用户名已被使用或不合规。", string.Join(" ", result.Errors.Select(e => e.Description)));
            return Results.Created($"/api/people/{created.Person.Id}", new PersonCreated(created.Person.Id, created.EnrolmentLink));
        }).WithMetadata(new SignedInEndpoint("every requested grant is resolved and checked with AccessPolicy (Manage) by the handler"))
            .Produces<PersonCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/people/{id:long}/password-reset", async (long id, UserManager<Person> users, Accounts accounts, GrantChanges changes, CancellationToken ct) =>
        {
            var person = await users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
            if (person is null) return Results.NotFound();
            person.MustChangePassword = true;
            await users.SetLockoutEndDateAsync(person, null);
            await users.ResetAccessFailedCountAsync(person);
            await users.RemovePasswordAsync(person);
            await users.UpdateSecurityStampAsync(person);
            changes.Changed(id); // the person's open sessions end at once, on every node
            return Results.Ok(new EnrolmentLinkView(await accounts.EnrolmentLinkAsync(person.Id, ct)));
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces<EnrolmentLinkView>().WithMetadata(new NoRequestBody("the person is in the route; the answer is a fresh one-time enrolment link"));

        // Disabling ends every session (a new security stamp) and keeps the no-lockout rule of roles and deletion: nobody disables
        // their own account, and the county's last enabled district admin stays enabled (checked where it is written).
        api.MapPut("/people/{id:long}/disabled", async (long id, DisableRequest r, HttpContext http, AccountDbContext db, Classroom.Identity.Auth.GrantChanges changes, CancellationToken ct) =>
        {
            if (r.Disabled && AccessClaims.SubjectOf(http.User) == $"person:{id}")
                return AccessProblems.Problem(http, StatusCodes.Status409Conflict, "own_account",
                    "不能停用您自己的账号。请让另一位管理员操作。", "You cannot disable your own account. Ask another admin to do it.");
            var outcome = await SerializableWork.RunAsync(db, async ct =>
            {
                if (!await db.Users.AnyAsync(p => p.Id == id, ct)) return StatusCodes.Status404NotFound;
                if (r.Disabled && await DistrictAdmins.IsLastAsync(db, id, ct)) return StatusCodes.Status409Conflict;
                await db.Users.Where(p => p.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(p => p.Disabled, r.Disabled)
                    .SetProperty(p => p.SecurityStamp, Guid.NewGuid().ToString("N"))
                    .SetProperty(p => p.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
                return StatusCodes.Status204NoContent;
            }, ct);
            if (outcome == StatusCodes.Status204NoContent) changes.Changed(id); // its open sessions end at once, on every node (GrantChangeRelay)
            return outcome switch
            {
                StatusCodes.Status404NotFound => AccessProblems.NotFound(http, ResourceKind.Person, id.ToString(CultureInfo.InvariantCulture)),
                StatusCodes.Status409Conflict => AccessProblems.Problem(http, StatusCodes.Status409Conflict, "last_district_admin",
                    "此人是全县唯一在用的区县管理员，不能停用：请先给另一位在用的账号授予区县管理员。",
                    "This person is the district's only active district admin and cannot be disabled: first make another active account a district admin."),
                _ => Results.NoContent(),
            };
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/people/{id:long}/tokens", async (long id, AccountDbContext db, CancellationToken ct) =>
            Results.Ok((await db.AccessTokens.AsNoTracking().Where(t => t.PersonId == id).OrderBy(t => t.Id).ToListAsync(ct)).Select(MeEndpoints.View)))
            .WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces<List<MeEndpoints.TokenView>>();

        api.MapDelete("/people/{id:long}/tokens/{tokenId:long}", async (long id, long tokenId, HttpContext http, AccountDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var n = await db.AccessTokens.Where(t => t.Id == tokenId && t.PersonId == id && t.RevokedUtcTicks == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtcTicks, clock.GetUtcNow().UtcTicks), ct);
            return n == 0 ? AccessProblems.NotFound(http, ResourceKind.Person, "token " + tokenId) : Results.NoContent();
        }).WithMetadata(new AccessRule(Permission.Manage, ResourceKind.Person))
            .Produces(StatusCodes.Status204NoContent);

        api.MapPersonGrants();
        api.MapPersonDelete();
        return app;
    }

    /// <summary>
    /// A grant names one resource (its alliance, school, classroom or teacher); the rest of its
    /// scope comes from resolving that resource, never from the request, and the caller must be
    /// allowed to manage that scope.
    /// </summary>
    internal static async Task<(Grant?, IResult?)> ResolveGrantAsync(HttpContext http, GrantRequest g, CancellationToken ct)
    {
        if (!AccountRoleNames.TryParse(g.Role, out var role) || role == AccountRole.Device)
            return (null, AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", $"未知角色 '{g.Role}'。", $"Unknown role '{g.Role}'."));
        var (kind, id) = role switch
        {
            AccountRole.DistrictAdmin => (ResourceKind.County, (long?)null),
            AccountRole.AllianceAdmin => (ResourceKind.Alliance, g.AllianceId),
            AccountRole.Auditor or AccountRole.Researcher => g.AllianceId is null ? (ResourceKind.County, null) : (ResourceKind.Alliance, g.AllianceId),
            AccountRole.SchoolAdmin => (ResourceKind.School, g.SchoolId),
            AccountRole.Teacher => (ResourceKind.Teacher, g.TeacherId),
            _ => (ResourceKind.Classroom, g.ClassroomId),
        };
        var scope = ResourceScope.County;
        if (kind != ResourceKind.County)
        {
            if (id is null) return (null, AccessProblems.Invalid(http, kind.ToString()));
            var resolver = http.RequestServices.GetServices<IResourceScopeResolver>().FirstOrDefault(r => r.Kinds.Contains(kind));
            var resolved = resolver is null ? null : await resolver.ResolveAsync(kind, id.Value.ToString(CultureInfo.InvariantCulture), ct);
            if (resolved is null) return (null, AccessProblems.NotFound(http, kind, id.Value.ToString(CultureInfo.InvariantCulture)));
            scope = resolved;
        }

        if (!AccessPolicy.Allows(AccessClaims.GrantsOf(http.User), Permission.Manage, scope))
            return (null, AccessProblems.Forbidden(http, "grant_scope"));
        return (new Grant(role, scope.AllianceId, scope.SchoolId, role == AccountRole.Student ? scope.ClassroomId : null,
            role == AccountRole.Teacher ? id : null), null);
    }

    /// <summary>The most people one page carries (and the page size when none is asked: what the list was capped at before paging).</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// One page of people (docs/admin-paging.md): the search applied first, ordered by id (stable
    /// while people are added), <c>page</c> 1-based, <c>pageSize</c> 1..<see cref="MaxPageSize"/>;
    /// the body stays the plain list every client reads, the count of all matches goes in <c>X-Total-Count</c>.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, string scope, IQueryable<Person> people, string? q, int? page, int? pageSize, AccountDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (page is < 1)
            return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", "页码 page 必须从 1 开始。", "The page number must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize)
            return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", $"每页条数 pageSize 必须在 1 到 {MaxPageSize} 之间。", $"The page size must be between 1 and {MaxPageSize}.");
        var size = pageSize ?? MaxPageSize;
        if (!string.IsNullOrWhiteSpace(q)) people = people.Where(p => p.UserName!.Contains(q) || p.DisplayName.Contains(q));
        var total = await people.CountAsync(ct);
        var rows = await people.OrderBy(p => p.Id).Skip((int)Math.Min(int.MaxValue, ((long)(page ?? 1) - 1) * size)).Take(size).ToListAsync(ct);
        var ids = rows.Select(p => p.Id).ToList();
        var grants = await db.Grants.AsNoTracking().Where(g => ids.Contains(g.PersonId)).ToListAsync(ct);
        // Student accounts are minors' data: a page that shows any is an audited read.
        if (grants.Any(g => Auth.Principals.ToGrant(g).Role == AccountRole.Student))
            await http.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync("people.read", $"{scope} q={q} page={page ?? 1}", AuditOutcome.Succeeded, ct);
        var now = clock.GetUtcNow();
        http.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return Results.Ok(rows.Select(p => new PersonView(p.Id, p.UserName, p.DisplayName, p.Disabled, p.LockoutEnd > now, p.TwoFactorEnabled,
            grants.Where(g => g.PersonId == p.Id).Select(g => Auth.Principals.ToGrant(g).ToClaimValue()).ToList(),
            grants.Where(g => g.PersonId == p.Id).OrderBy(g => g.Id).Select(g => new GrantView(g.Id, Auth.Principals.ToGrant(g).ToClaimValue())).ToList())).ToList());
    }
}

/// <summary>Per-student erasure: one call reaches every store that keeps the student (roster, hub records), audited.</summary>
public static class ErasureEndpoints
{
    public sealed record EraseRequest(string? SchoolStudentId, string? DisplayName);

    public static IEndpointRouteBuilder MapErasure(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/schools/{id:long}/students/erase", async (long id, EraseRequest r, HttpContext http, IAuditTrail audit, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(r.SchoolStudentId) || string.IsNullOrWhiteSpace(r.DisplayName))
                return AccessProblems.Problem(http, StatusCodes.Status400BadRequest, "invalid", "请填写学号和姓名。", "Give the student's school id and name.");
            var erasure = http.RequestServices.GetService<PersonalDataErasure>();
            if (erasure is null) return AccessProblems.Problem(http, StatusCodes.Status503ServiceUnavailable, "unavailable", "此节点没有学生数据。", "This node keeps no student data.");
            var counts = await erasure.EraseStudentAsync(id, r.SchoolStudentId.Trim(), r.DisplayName.Trim(), ct);
            await audit.RecordAsync("student.erase", $"school:{id}:{r.SchoolStudentId}", AuditOutcome.Succeeded, ct);
            return Results.Ok(counts);
        }).WithTags("Identity").WithMetadata(new AccessRule(Permission.Manage, ResourceKind.School))
            .Produces<Dictionary<string, int>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
