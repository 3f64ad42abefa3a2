namespace Classroom.MediaRelay.Tests.Infrastructure;

/// <summary>Browser tests share one Chromium and run one after another (2 shared cores).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
