using System.Security.Cryptography;

namespace Classroom.Contracts.Privacy;

/// <summary>
/// A random key kept in a file of the data folder (folder 0700, file 0600), made on first use:
/// written to a temporary file, flushed to disk and moved into place without overwriting, so two
/// processes sharing the folder end with one key (the first one moved in counts).
/// </summary>
public static class SecretKeyFile
{
    private static readonly Lock CreateLock = new();

    /// <summary>The key's bytes, creating the file when there is none; throws when the file holds a key of another size.</summary>
    public static byte[] LoadOrCreate(string path, int size, string whenWrongSize)
    {
        lock (CreateLock)
        {
            if (!File.Exists(path)) Create(path, size);
            var key = File.ReadAllBytes(path);
            if (key.Length != size) throw new InvalidDataException($"{path} is not a {size}-byte key; {whenWrongSize}");
            return key;
        }
    }

    private static void Create(string path, int size)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temp, options))
        {
            file.Write(RandomNumberGenerator.GetBytes(size));
            file.Flush(flushToDisk: true);
        }

        try
        {
            // No overwrite: another process sharing the data folder may have won the race; then its key counts.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}
