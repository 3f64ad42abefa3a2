using BenchmarkDotNet.Attributes;
using Classroom.Hub.Stage;
using Classroom.Hub.Store.Records;

namespace Classroom.Benchmarks.Hub;

/// <summary>
/// The fair on-stage order is recomputed on every hand and every stage change (StageChanged):
/// 500 waiting rooms from 50 schools, 100 earlier calls. Budget: well under 1 ms.
/// </summary>
[MemoryDiagnoser]
public class StageQueueBenchmarks
{
    private HandRecord[] _hands = [];
    private StageCallRecord[] _calls = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _hands = Enumerable.Range(0, 500).Select(i => new HandRecord
        {
            Id = Guid.NewGuid(), ClassroomId = 10_000 + i, SchoolId = 100 + (i % 50), ReceivedAtMs = random.Next(0, 2_700_000),
        }).ToArray();
        _calls = Enumerable.Range(0, 100).Select(i => new StageCallRecord
        {
            Id = Guid.NewGuid(), ClassroomId = 10_000 + i, SchoolId = 100 + random.Next(0, 30), CalledAtMs = random.Next(0, 2_700_000),
        }).ToArray();
    }

    [Benchmark]
    public int Order() => StageQueue.Order(_hands, _calls).Count;
}
