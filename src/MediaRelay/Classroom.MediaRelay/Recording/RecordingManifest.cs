using System.Text.Json;
using System.Text.Json.Serialization;

namespace Classroom.MediaRelay.Recording;

/// <summary>One ffmpeg run of a recording: its folder run-{Number}/ and the renditions it writes.</summary>
internal sealed record RecordingRun(int Number, DateTimeOffset StartedAt, IReadOnlyList<string> Renditions)
{
    public string Folder => "run-" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How the run ended ("stopped", "studio lost", ffmpeg's last error line); null while it runs.</summary>
    public string? Exit { get; init; }

    /// <summary>The producer the run records: null for the studio, "stage:{classroom}" for a room on stage.</summary>
    public string? Producer { get; init; }
}

/// <summary>
/// <c>manifest.json</c> in a recording's folder: enough to finish the recording after a crash
/// (which runs exist, which renditions each wrote). Written whole to a temporary file and
/// renamed over the old one, so a crash leaves the previous or the new version, never half.
/// </summary>
internal sealed record RecordingManifest(string RecordingId, string LessonId, DateTimeOffset StartedAt)
{
    public const string FileName = "manifest.json";
    public const string Recording = "recording";
    public const string Finished = "finished";
    private const int MaxBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string State { get; init; } = Recording;

    public DateTimeOffset? EndedAt { get; init; }

    public IReadOnlyList<RecordingRun> Runs { get; init; } = [];

    /// <summary>The poster image's file name in the folder, once taken.</summary>
    public string? Poster { get; init; }

    /// <summary>Finished on a later start because the relay stopped without finishing it.</summary>
    public bool Recovered { get; init; }

    /// <summary>The low-bitrate rendition made after the lesson, once asked for.</summary>
    public LowRendition? Low { get; init; }

    public void Save(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The manifest in <paramref name="folder"/>, or null when it is missing, too large or unreadable.</summary>
    public static RecordingManifest? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes) return null;
            return JsonSerializer.Deserialize<RecordingManifest>(File.ReadAllBytes(path), Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
