using Classroom.Contracts.Lessons;

namespace Classroom.Hub.Tests.Support;

/// <summary>
/// The rosters standing in for the scheduler: lesson A (teacher 10 of lead school 1; rooms 101,
/// 102 of school 2 and 201 of school 3) and lesson B (teacher 20; room 301 of school 4), both in
/// alliance 1, plus lesson C of alliance 2.
/// </summary>
public static class TestLessons
{
    public const long Alliance = 1;
    public const string A = "L1-20261122";
    public const string B = "L2-20261122";
    public const string C = "L3-20261122";

    public static LessonRosterDto[] All(DateTimeOffset startsAt, int extraRoomsInA = 0)
    {
        var roomsA = new List<LessonRoomDto>
        {
            new(101, "二(1)班", 2, "石桥小学", 40),
            new(102, "二(2)班", 2, "石桥小学", 38),
            new(201, "二(1)班", 3, "河口小学", 25),
        };
        for (var i = 0; i < extraRoomsInA; i++)
            roomsA.Add(new LessonRoomDto(10_000 + i, "班" + i, 100 + (i % 50), "学校" + (i % 50), 30));
        return
        [
            new LessonRosterDto(A, Alliance, 1, "音乐", 2, startsAt, startsAt.AddMinutes(45), 10, "王老师", 1, 5, "录播室", roomsA),
            new LessonRosterDto(B, Alliance, 2, "美术", 2, startsAt, startsAt.AddMinutes(45), 20, "李老师", 1, 6, "录播室2",
                [new LessonRoomDto(301, "三(1)班", 4, "山口小学", 30)]),
            new LessonRosterDto(C, 2, 3, "科学", 3, startsAt, startsAt.AddMinutes(45), 30, "赵老师", 7, 8, "录播室3",
                [new LessonRoomDto(401, "四(1)班", 9, "别的联盟小学", 30)]),
        ];
    }
}
