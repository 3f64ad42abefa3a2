using BenchmarkDotNet.Attributes;
using Classroom.Contracts.Lessons;
using Classroom.Contracts.Tokens;
using Classroom.Hub.Hubs;

namespace Classroom.Benchmarks.Hub;

/// <summary>
/// What every connect costs before any I/O: ES256 token validation plus the roster check, for a
/// room in a 500-room lesson. The validation (an ECDSA verify) dominates.
/// </summary>
[MemoryDiagnoser]
public class AdmissionBenchmarks
{
    private System.Security.Cryptography.ECDsa _key = null!;
    private string _token = "";
    private LessonRosterDto _roster = null!;
    private JoinTokenClaims _claims = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        _claims = new JoinTokenClaims("room:10499", ClassroomRole.Classroom, 1, "L1-20261122", 149, 10_499, null,
            [JoinTokenScopes.Hub], now, now.AddHours(2), "jti");
        _token = JoinTokenCodec.Sign(_claims, _key);
        _roster = new LessonRosterDto("L1-20261122", 1, 1, "音乐", 2, now, now.AddMinutes(45), 10, "王老师", 1, 5, "录播室",
            Enumerable.Range(0, 500).Select(i => new LessonRoomDto(10_000 + i, "班", 100 + (i % 50), "学校", 30)).ToArray());
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public bool ValidateToken() => JoinTokenCodec.TryValidate(_token, _key, _claims.IssuedAt.AddMinutes(1), out _, out _);

    [Benchmark]
    public string? CheckRoster() => LessonAdmission.Check(_claims, _roster, out _);
}
