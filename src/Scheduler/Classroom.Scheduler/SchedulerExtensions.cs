using System.Text.Json.Serialization;
using Classroom.Contracts.Access;
using Classroom.Contracts.Privacy;
using Classroom.Scheduler.Api;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Demo;
using Classroom.Scheduler.Import;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Privacy;
using Classroom.Scheduler.Solving;
using Classroom.Scheduler.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Classroom.Scheduler;

public static class SchedulerExtensions
{
    /// <summary>Registers the scheduler role: store, solver, tokens, import, background jobs.</summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration, string dataFolder, bool seedDemo)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Provider is "sqlite" or "postgres", "Scheduler:Provider must be 'sqlite' or 'postgres'.")
            .ValidateOnStart();
        var options = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        var connection = options.ConnectionString ?? $"Data Source={Path.Combine(dataFolder, "scheduler.db")};Pooling=True";

        services.AddDbContext<SchedulerDbContext>(db => db.UseSchedulerStore(options.Provider, options.Provider == SchedulerStore.Postgres
            ? options.ConnectionString ?? throw new InvalidOperationException("Scheduler:ConnectionString is required for PostgreSQL.")
            : connection));
        // Weekdays and kinds read and write as names ("Monday", "MakeUp"); numbers are still accepted.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton(new SigningKeyProvider(dataFolder));
        services.AddSingleton<IPairingSolver>(sp => new CpSatPairingSolver(sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<JoinTokenService>();
        services.AddScoped<SchedulingService>();
        services.AddSingleton<SolveJobQueue>();
        services.AddScoped<LessonDirectory>();
        services.AddScoped<Reports.PlannedDelivered>();
        services.AddScoped<Reports.SchoolUsage>();
        services.AddScoped<Reports.LiveToday>();
        services.AddScoped<StudioBookings>();
        services.AddScoped<ImportService>();
        services.AddSingleton<Classroom.Contracts.Recordings.IRecordingPolicy, Recordings.RecordingPolicy>();
        services.AddSingleton<Classroom.Contracts.Recordings.IStudioIngestDirectory, Recordings.StudioIngestDirectory>();
        services.AddScoped<Classroom.Contracts.Access.IResourceScopeResolver, Access.SchedulerScopeResolver>();
        services.AddSingleton(new DemoSeedOptions(seedDemo));
        services.TryAddSingleton(_ => PersonalDataProtector.LoadOrCreate(dataFolder));
        services.ConfigureDbContext<SchedulerDbContext>(db => db.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>(), ServiceLifetime.Singleton);
        services.AddScoped<IPersonalDataEraser, RosterEraser>();
        services.TryAddScoped<PersonalDataErasure>();
        services.AddHostedService<SchedulerStartup>();
        services.AddHostedService<SolveJobWorker>();
        services.AddHostedService<RetentionJob>();
        services.AddHealthChecks().AddCheck<SchedulerDbHealthCheck>("scheduler-db");
        return services;
    }

    /// <summary>Maps the scheduler's REST API (admin group), lesson, kiosk and feed endpoints.</summary>
    public static WebApplication MapScheduler(this WebApplication app)
    {
        app.UseSchedulerBodyLimits();
        var api = app.MapGroup("/api").WithTags("Scheduler");
        api.MapAlliances().MapSchoolResources().MapTimetables().MapLessonPlans().MapLinkKeys().MapRosters().MapPairings().MapSolveJobs().MapSolveChanges().MapAllianceSettings().MapImports().MapPlannedDelivered().MapSchoolUsage().MapLiveToday().MapDistrict().MapStudioBookings().MapStudioIngest();
        app.MapLessons();
        app.MapObserve();
        app.MapKiosk();
        app.MapStudioDay();
        app.MapTeacherLessons();
        app.MapFeeds();
        return app;
    }
}
