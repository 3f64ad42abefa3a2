using Classroom.Contracts.Access;
using Classroom.Identity.Access;
using Classroom.Identity.Api;
using Classroom.Identity.Audit;
using Classroom.Identity.Auth;
using Classroom.Identity.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Classroom.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Registers the identity role: the account store, ASP.NET Core Identity (passwords, lockout,
    /// TOTP), the session cookie, personal access tokens, device credentials, antiforgery, the
    /// audit log and the data-protection keys under &lt;data&gt;/keys.
    /// </summary>
    public static IServiceCollection AddClassroomIdentity(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Provider is "sqlite" or "postgres", "Identity:Provider must be 'sqlite' or 'postgres'.").ValidateOnStart();
        var options = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        void Store(DbContextOptionsBuilder db)
        {
            db.UseAccountStore(options.Provider, options.ConnectionString
                ?? (options.Provider == AccountStore.Postgres ? throw new InvalidOperationException("Identity:ConnectionString is required for PostgreSQL.")
                    : $"Data Source={Path.Combine(dataFolder, "identity.db")};Pooling=True;Default Timeout=30"));
        }

        services.AddDbContext<AccountDbContext>(Store, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddDbContextFactory<AccountDbContext>(Store, ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Revocations>();
        services.AddHttpContextAccessor();

        services.AddDataProtection().SetApplicationName("classroom")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys", "data-protection")));

        services.AddIdentityCore<Person>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = options.LockoutFailures;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                // Teachers type these on classroom PCs: length and a digit, not symbol rules (NIST SP 800-63B §5.1.1).
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AccountDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PersonClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Classroom;
                o.DefaultChallengeScheme = AuthSchemes.Classroom;
            })
            .AddPolicyScheme(AuthSchemes.Classroom, "session, token or device", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = AuthSchemes.SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(options.SessionHours);
                o.SlidingExpiration = true;
                o.LoginPath = "/sign-in.html";
                o.Events.OnValidatePrincipal = GrantChanges.ValidatePrincipalAsync;
                // APIs answer 401/403 with a problem body; only page navigations are redirected.
                o.Events.OnRedirectToLogin = c => Refuse(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => Refuse(c, StatusCodes.Status403Forbidden);
            })
            // Never signed into; the security-stamp validator signs it out when it rejects a stale session,
            // which without the scheme threw (500) instead of answering 401 (docs/admin-people.md "Roles").
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AuthSchemes.AccessToken, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceHandler>(AuthSchemes.Device, null);
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AuthSchemes.AntiforgeryHeader;
            o.Cookie.Name = AuthSchemes.AntiforgeryCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });

        services.AddScoped<Accounts>();
        services.AddSingleton<GrantChanges>();
        services.AddSingleton<GrantChangeRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<GrantChangeRelay>());
        services.AddScoped<IResourceScopeResolver, IdentityScopeResolver>();
        services.AddScoped<IPersonalDataEraser, Privacy.StudentAccountEraser>();
        services.TryAddScoped<PersonalDataErasure>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<Classroom.Contracts.Devices.IDeviceCensus, DeviceCensus>();
        services.AddHostedService<IdentityStartup>();
        return services;
    }

    /// <summary>Authentication, then the one authorization layer (<see cref="AccessMiddleware"/>). Call after UseRouting.</summary>
    public static IApplicationBuilder UseClassroomAccess(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AccessMiddleware>();
        return app;
    }

    /// <summary>/api/auth, /api/me, /api/people, /api/devices, /api/audit.</summary>
    public static IEndpointRouteBuilder MapClassroomIdentity(this IEndpointRouteBuilder app)
    {
        app.MapAuth();
        app.MapMe();
        app.MapPeople();
        app.MapDevices();
        app.MapAudit();
        app.MapErasure();
        return app;
    }

    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer " + Secrets.TokenPrefix, StringComparison.OrdinalIgnoreCase)) return AuthSchemes.AccessToken;
        if (authorization.StartsWith("Bearer " + Secrets.DevicePrefix, StringComparison.OrdinalIgnoreCase)) return AuthSchemes.Device;
        if (context.Request.Cookies.ContainsKey(AuthSchemes.SessionCookie)) return IdentityConstants.ApplicationScheme;
        if (context.Request.Cookies.ContainsKey(AuthSchemes.DeviceCookie)) return AuthSchemes.Device;
        return IdentityConstants.ApplicationScheme;
    }

    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/hub"))
        {
            c.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }
}
