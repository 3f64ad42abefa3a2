using System.Security.Cryptography;
using Classroom.Contracts.Tokens;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Auth;

/// <summary>
/// The scheduler's public key, read from &lt;data&gt;/keys. Loaded lazily: in the all-in-one
/// process the scheduler may write the key after the hub registers.
/// </summary>
public sealed class JoinTokenKeyProvider(IOptions<LessonHubOptions> options) : IDisposable
{
    private readonly Lock _lock = new();
    private ECDsa? _key;

    public ECDsa? TryGet()
    {
        if (_key is not null) return _key;
        lock (_lock)
        {
            if (_key is null && JoinTokenKeys.TryLoadPublic(options.Value.DataFolder, out var key)) _key = key;
            return _key;
        }
    }

    public void Dispose() => _key?.Dispose();
}
