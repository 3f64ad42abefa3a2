using System.Security.Cryptography;

namespace Classroom.Contracts.Tokens;

/// <summary>
/// The join-token key pair on disk. The scheduler creates it on first start (P-256); every other
/// service reads only the public half and validates tokens offline.
/// </summary>
public static class JoinTokenKeys
{
    private static readonly Lock CreateLock = new();

    public static string KeyFolder(string dataFolder) => Path.Combine(dataFolder, JoinTokenConstants.KeyFolder);

    /// <summary>Loads the private key, creating the pair if none exists yet.</summary>
    public static ECDsa LoadOrCreatePrivate(string dataFolder)
    {
        var folder = KeyFolder(dataFolder);
        var privatePath = Path.Combine(folder, JoinTokenConstants.PrivateKeyFileName);
        var publicPath = Path.Combine(folder, JoinTokenConstants.PublicKeyFileName);
        lock (CreateLock)
        {
            var key = ECDsa.Create();
            if (File.Exists(privatePath))
            {
                key.ImportFromPem(File.ReadAllText(privatePath));
                if (!File.Exists(publicPath)) File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem());
                return key;
            }

            Directory.CreateDirectory(folder);
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            var temp = privatePath + ".tmp";
            File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, privatePath, overwrite: false);
            File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem());
            return key;
        }
    }

    /// <summary>Loads the public key; false when the scheduler has not written it yet.</summary>
    public static bool TryLoadPublic(string dataFolder, out ECDsa? publicKey)
    {
        var publicPath = Path.Combine(KeyFolder(dataFolder), JoinTokenConstants.PublicKeyFileName);
        publicKey = null;
        if (!File.Exists(publicPath)) return false;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(publicPath));
        publicKey = key;
        return true;
    }
}
