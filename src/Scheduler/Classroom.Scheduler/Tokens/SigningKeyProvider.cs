using System.Security.Cryptography;
using Classroom.Contracts.Tokens;

namespace Classroom.Scheduler.Tokens;

/// <summary>The scheduler's join-token key pair, created on first start in the data folder.</summary>
public sealed class SigningKeyProvider : IDisposable
{
    public SigningKeyProvider(string dataFolder)
    {
        DataFolder = dataFolder;
        var existed = File.Exists(Path.Combine(JoinTokenKeys.KeyFolder(dataFolder), JoinTokenConstants.PrivateKeyFileName));
        PrivateKey = JoinTokenKeys.LoadOrCreatePrivate(dataFolder);
        Created = !existed;
        PublicKey = ECDsa.Create(PrivateKey.ExportParameters(includePrivateParameters: false));
    }

    public string DataFolder { get; }
    public bool Created { get; }
    public ECDsa PrivateKey { get; }
    public ECDsa PublicKey { get; }

    public void Dispose()
    {
        PrivateKey.Dispose();
        PublicKey.Dispose();
    }
}
