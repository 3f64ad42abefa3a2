using System.Globalization;
using System.Threading.RateLimiting;
using Classroom.Contracts.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace Classroom.Server.Hosting;

/// <summary>
/// The named rate-limit policies of <see cref="RateLimitPolicies"/>: a fixed window per client
/// address (after forwarded headers), or per signed-in subject where one person's work is the
/// unit (imports, solver runs). Limits are configurable under
/// "Classroom:RateLimits:{policy}:PermitLimit" and ":WindowSeconds" (docs/security.md).
/// A refusal is 429 with Retry-After and a problem body whose code is "rate_limited".
/// </summary>
public static class RateLimiting
{
    public const string Section = "Classroom:RateLimits";

    /// <summary>How a policy limits: permits per window, and whether a signed-in subject is its own bucket.</summary>
    public sealed record Limit(int PermitLimit, int WindowSeconds, bool PerSubject);

    public static readonly IReadOnlyDictionary<string, Limit> Defaults = new Dictionary<string, Limit>(StringComparer.Ordinal)
    {
        [RateLimitPolicies.SignIn] = new(10, 60, PerSubject: false),
        [RateLimitPolicies.DevicePairing] = new(10, 60, PerSubject: false),
        [RateLimitPolicies.Kiosk] = new(60, 60, PerSubject: false),
        [RateLimitPolicies.MediaCreate] = new(120, 60, PerSubject: false),
        [RateLimitPolicies.Import] = new(20, 60, PerSubject: true),
        [RateLimitPolicies.Solve] = new(10, 60, PerSubject: true),
    };

    /// <summary>The default of <paramref name="policy"/> with any configured PermitLimit / WindowSeconds over it; refuses values below 1.</summary>
    public static Limit Resolve(IConfiguration configuration, string policy)
    {
        var limit = Defaults[policy];
        var section = configuration.GetSection(Section).GetSection(policy);
        limit = limit with
        {
            PermitLimit = section.GetValue(nameof(Limit.PermitLimit), limit.PermitLimit),
            WindowSeconds = section.GetValue(nameof(Limit.WindowSeconds), limit.WindowSeconds),
        };
        if (limit.PermitLimit < 1 || limit.WindowSeconds < 1)
            throw new InvalidOperationException($"{Section}:{policy}: PermitLimit and WindowSeconds must be at least 1 (got {limit.PermitLimit}, {limit.WindowSeconds}).");
        return limit;
    }

    public static IServiceCollection AddClassroomRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = Defaults.Keys.ToDictionary(p => p, p => Resolve(configuration, p));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            foreach (var (policy, limit) in limits)
                options.AddPolicy(policy, context => Partition(context, policy, limit));
        });
    }

    /// <summary>The bucket of a request: "sub:{subject}" for a signed-in caller of a per-subject policy, else "ip:{address}".</summary>
    public static string PartitionKey(HttpContext context, bool perSubject)
    {
        if (perSubject && AccessClaims.SubjectOf(context.User) is { Length: > 0 } subject) return "sub:" + subject;
        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, Limit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(policy + "|" + PartitionKey(context, limit.PerSubject), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "this endpoint";
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                // In the caller's language, like every problem the console shows as its sentence (docs/admin-solve.md).
                Title = Classroom.Scheduler.Api.CallerLanguage.Pick(context.Request, "请求过于频繁", "Too many requests"),
                Detail = Classroom.Scheduler.Api.CallerLanguage.Pick(context.Request,
                    $"操作过于频繁（{policy}），请 {seconds} 秒后再试。",
                    $"Too many requests for '{policy}' from this client; try again in {seconds} s."),
                Extensions = { ["code"] = "rate_limited", ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
