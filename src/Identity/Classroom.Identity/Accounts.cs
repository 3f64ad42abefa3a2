using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Identity;

/// <summary>Creates people with their grants and hands out one-time enrolment links (bootstrap, demo seed, admin API).</summary>
public sealed class Accounts(UserManager<Person> users, AccountDbContext db, IOptions<AccountOptions> options, TimeProvider clock)
{
    public sealed record Created(Person Person, string? EnrolmentLink);

    /// <summary>Creates the person; with a password it is set at once, without one an enrolment link is returned.</summary>
    public async Task<(Created? Created, IdentityResult Result)> CreateAsync(string userName, string displayName, IEnumerable<Grant> grants, string? password, CancellationToken ct)
    {
        var person = new Person { UserName = userName, DisplayName = displayName, CreatedUtcTicks = clock.GetUtcNow().UtcTicks, LockoutEnabled = true };
        var result = password is null ? await users.CreateAsync(person) : await users.CreateAsync(person, password);
        if (!result.Succeeded) return (null, result);
        foreach (var g in grants)
            db.Grants.Add(new PersonGrant { PersonId = person.Id, Role = g.Role.ToWire(), AllianceId = g.AllianceId, SchoolId = g.SchoolId, ClassroomId = g.ClassroomId, TeacherId = g.TeacherId });
        await db.SaveChangesAsync(ct);
        return (new Created(person, password is null ? await EnrolmentLinkAsync(person.Id, ct) : null), result);
    }

    /// <summary>A one-time link to set a password: the code rides in the URL fragment, which browsers never send to a server.</summary>
    public async Task<string> EnrolmentLinkAsync(long personId, CancellationToken ct)
    {
        var secret = Secrets.NewSecret();
        var code = new EnrolmentCode { PersonId = personId, SecretHash = Secrets.Hash(secret), ExpiresUtcTicks = clock.GetUtcNow().AddHours(options.Value.EnrolmentLinkHours).UtcTicks };
        db.EnrolmentCodes.Add(code);
        await db.SaveChangesAsync(ct);
        return $"{options.Value.PublicBaseUrl.TrimEnd('/')}/enrol.html#code={Secrets.Compose("en_", code.Id, secret)}";
    }

    public Task<bool> AnyAsync(CancellationToken ct) => db.Users.AnyAsync(ct);
}
