using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.Server.Hosting;

public static class HostingExtensions
{
    /// <summary>Short command-line switches for the settings people type most.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--data"] = "Classroom:DataFolder",
        ["--roles"] = "Classroom:Roles",
        ["--seed-demo"] = "Classroom:SeedDemo",
        ["--log-format"] = "Logging:Console:FormatterName",
    };

    /// <summary>Binds and validates <see cref="ServerOptions"/>, creates the data folder, sets up logging and shutdown.</summary>
    public static (ServerOptions Options, ServerRoles Roles) AddClassroomHosting(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args,
            SwitchMappings.ToDictionary(p => p.Key, p => p.Value));

        builder.Services.AddOptions<ServerOptions>()
            .BindConfiguration(ServerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var roles = ServerRoles.Parse(options.Roles);
        options.DataFolder = Path.GetFullPath(options.DataFolder, builder.Environment.ContentRootPath);
        DataFolderPermissions.CreatePrivateFolder(options.DataFolder);
        builder.Services.PostConfigure<ServerOptions>(o => o.DataFolder = options.DataFolder);
        builder.Services.AddSingleton(roles);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = OpenApiSchemaIds.Create;
            o.AddOperationTransformer<ProblemResponses>();
            o.AddDocumentTransformer<ProblemResponses>();
        });
        return (options, roles);
    }

    /// <summary>/health: 200 with each check's status as JSON, 503 when one is unhealthy.</summary>
    public static IEndpointConventionBuilder MapClassroomHealth(this IEndpointRouteBuilder endpoints)
    {
        return endpoints.MapHealthChecks(Contracts.Routes.Health, new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                var roles = context.RequestServices.GetRequiredService<ServerRoles>();
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    roles = roles.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                }, cancellationToken: context.RequestAborted);
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
    }
}

public static class ManagementListener
{
    /// <summary>
    /// The relay's /metrics answers only on a loopback management port (MediaRelay:ManagementPort,
    /// default 5081), never on the public listener: add that listener beside the configured URLs.
    /// </summary>
    public static WebApplicationBuilder AddManagementListener(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = builder.Configuration.GetValue("MediaRelay:ManagementPort", 5081);
        var urls = builder.Configuration["urls"] ?? builder.Configuration["Urls"] ?? "http://127.0.0.1:5080";
        var management = $"http://127.0.0.1:{port}";
        if (port > 0 && !urls.Contains($":{port}", StringComparison.Ordinal)) builder.WebHost.UseUrls(urls + ";" + management);
        return builder;
    }
}
