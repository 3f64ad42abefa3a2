namespace Classroom.Hub.Tests.Support;

/// <summary>
/// Tests that start real processes (hub children, redis-server, Chromium) run one after another:
/// on two shared cores, running them side by side only makes their timings flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessTestsCollection
{
    public const string Name = "processes";
}
