using Classroom.Contracts.Lessons;

namespace Classroom.Contracts.Tests.Lessons;

public sealed class LessonOccurrenceIdTests
{
    [Fact]
    public void Round_trips_through_text()
    {
        var id = new LessonOccurrenceId(1234, new DateOnly(2026, 9, 1));
        Assert.Equal("L1234-20260901", id.ToString());
        Assert.True(LessonOccurrenceId.TryParse(id.ToString(), out var back));
        Assert.Equal(id, back);
    }

    [Fact]
    public void The_shortest_id_parses()
    {
        Assert.True(LessonOccurrenceId.TryParse("L1-20261123", out var id));
        Assert.Equal(new LessonOccurrenceId(1, new DateOnly(2026, 11, 23)), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("L-20260901")]
    [InlineData("X12-20260901")]
    [InlineData("L12-2026091")]
    [InlineData("L12-20261301")]
    [InlineData("L-1-20260901")]
    public void Rejects_malformed_ids(string? text) => Assert.False(LessonOccurrenceId.TryParse(text, out _));
}
