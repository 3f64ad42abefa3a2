using Classroom.Contracts.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Scheduler.Data;

/// <summary>
/// How the store finds the personal-data key: the <see cref="PersonalDataProtector"/> registered
/// in the application's services. The model's value converter holds that protector, so the model
/// cache is keyed by it too (<see cref="PersonalDataModelCacheKeyFactory"/>): two hosts in one
/// process with different data folders must not share a model, or one would encrypt with the
/// other's key. A context built without application services (a tool reading the file) gets no
/// converter and sees the stored form.
/// </summary>
internal static class PersonalDataModel
{
    public static IServiceProvider? ApplicationServices(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;

    public static PersonalDataProtector? ProtectorOf(DbContext context) => ApplicationServices(context)?.GetService<PersonalDataProtector>();

    public static ValueConverter<string, string> Converter(PersonalDataProtector protector) =>
        new(plain => protector.Protect(plain), stored => protector.Unprotect(stored));
}

/// <summary>Model cache key: context type, the protector its converter holds, design time.</summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), PersonalDataModel.ProtectorOf(context), designTime);
}
