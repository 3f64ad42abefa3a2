using Classroom.Contracts.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Classroom.Hub.Store;

/// <summary>
/// How the record store finds the personal-data key: the <see cref="PersonalDataProtector"/> in the
/// application's services (the pooled context cannot take it in its constructor). The model's
/// converter holds the protector, so the model cache is keyed by it too
/// (<see cref="PersonalDataModelCacheKeyFactory"/>): hosts with different data folders in one
/// process must not share a model. A context built without application services (a test reading
/// the file) gets no converter and sees the stored form. The scheduler has the same few lines for
/// its store; Contracts holds only the BCL cipher, not EF Core.
/// </summary>
internal static class PersonalDataModel
{
    public static PersonalDataProtector? ProtectorOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<PersonalDataProtector>();

    /// <summary>
    /// Encrypts student names; the erased-name marker is stored as it is (it names nobody), so the
    /// retention job can still find rows that still hold a name with one SQL comparison.
    /// </summary>
    public static ValueConverter<string, string> StudentName(PersonalDataProtector protector) =>
        new(plain => plain == RetentionJob.ErasedName ? plain : protector.Protect(plain), stored => protector.Unprotect(stored));

    /// <summary>A replay viewer's name: encrypted when it names a student; empty (teachers, admins) stays empty.</summary>
    public static ValueConverter<string, string> ViewerName(PersonalDataProtector protector) =>
        new(plain => plain.Length == 0 || plain == RetentionJob.ErasedName ? plain : protector.Protect(plain), stored => stored.Length == 0 ? stored : protector.Unprotect(stored));
}

/// <summary>Model cache key: context type, the protector its converter holds, design time.</summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), PersonalDataModel.ProtectorOf(context), designTime);
}
