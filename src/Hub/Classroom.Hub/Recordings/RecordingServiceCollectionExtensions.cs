using Classroom.Contracts.Access;
using Classroom.Contracts.Recordings;

namespace Classroom.Hub.Recordings;

public static class RecordingServiceCollectionExtensions
{
    /// <summary>
    /// The recordings catalog of the hub role: <see cref="IRecordingCatalog"/> for the relay's
    /// recorder (in-process), the <see cref="ResourceKind.Recording"/> scope resolver, signed URLs
    /// (key under the data folder), the replay interaction and the retention job.
    /// </summary>
    public static IServiceCollection AddRecordingsCatalog(this IServiceCollection services, string dataFolder)
    {
        services.AddSingleton(new RecordingFiles(dataFolder));
        services.AddSingleton(_ => ReplayUrlSigner.LoadOrCreate(dataFolder));
        services.AddSingleton<RecordingRosters>();
        services.AddSingleton<RecordingCatalog>();
        services.AddSingleton<IRecordingCatalog>(sp => sp.GetRequiredService<RecordingCatalog>());
        services.AddSingleton<IResourceScopeResolver, RecordingScopeResolver>();
        services.AddSingleton<RecordingQueries>();
        services.AddSingleton<MediaRefusalLimiter>();
        services.AddSingleton<ReplayStore>();
        services.AddSingleton<EvaluationStore>();
        services.AddSingleton<RecordingDeleter>();
        services.AddSingleton<IPersonalDataEraser, ReplayViewEraser>();
        services.AddSingleton<IPersonRecordsEraser, PersonRecordsEraser>();
        services.AddSingleton<RecordingRetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingRetentionJob>());
        return services;
    }
}
