using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Identity.Store;

/// <summary>Accounts (ASP.NET Core Identity), grants, access tokens, devices, pairing requests and the audit log.</summary>
public sealed class AccountDbContext(DbContextOptions<AccountDbContext> options)
    : IdentityDbContext<Person, IdentityRole<long>, long>(options)
{
    public DbSet<PersonGrant> Grants => Set<PersonGrant>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<EnrolmentCode> EnrolmentCodes => Set<EnrolmentCode>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<PairingRequest> PairingRequests => Set<PairingRequest>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Person>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.HasMany(x => x.Grants).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PersonGrant>(e =>
        {
            e.Property(x => x.Role).HasMaxLength(32);
            e.HasIndex(x => x.PersonId);
        });
        builder.Entity<AccessToken>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.HasIndex(x => x.PersonId);
        });
        builder.Entity<EnrolmentCode>(e => e.Property(x => x.SecretHash).HasMaxLength(64));
        builder.Entity<Device>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.EnrolledBy).HasMaxLength(100);
            e.HasIndex(x => x.SchoolId);
        });
        builder.Entity<PairingRequest>(e =>
        {
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.PollSecretHash).HasMaxLength(64);
            e.HasIndex(x => x.CodeHash);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.Subject).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Scope).HasMaxLength(400);
            e.Property(x => x.ClientAddress).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(120);
            e.Property(x => x.Target).HasMaxLength(300);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.HasIndex(x => x.AtUtcTicks);
            e.HasIndex(x => x.Subject);
        });
    }
}
