using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Tokens;

namespace Classroom.Scheduler.Demo;

/// <summary>
/// A small county alliance to try the system with: one town lead school with two studios and
/// four village member schools whose bells ring a few minutes apart, a summer and a winter
/// timetable, and a term around today with a holiday and a make-up day (调休). One village school
/// runs its afternoon 15 minutes late, so the solver has demand to explain.
/// </summary>
public static class DemoAlliance
{
    private static readonly (string Name, int Start, int End)[] LeadDay =
    [
        ("第1节", 8 * 60, 8 * 60 + 40), ("第2节", 8 * 60 + 50, 9 * 60 + 30), ("第3节", 10 * 60, 10 * 60 + 40),
        ("第4节", 10 * 60 + 50, 11 * 60 + 30), ("第5节", 14 * 60 + 30, 15 * 60 + 10), ("第6节", 15 * 60 + 20, 16 * 60),
    ];

    public static async Task<long> SeedAsync(SchedulerDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var alliance = new Alliance { Name = "城关一小教育联盟 (演示)" };
        db.Alliances.Add(alliance);
        await db.SaveChangesAsync(ct);

        var today = AllianceClock.Today(clock, AllianceClock.Zone(alliance.TimeZone));
        var termStart = AllianceClock.WeekStart(today).AddDays(-7 * 8);
        var holiday = AllianceClock.WeekStart(today).AddDays(7 * 3 + 2);     // a Wednesday three weeks on
        var makeUp = AllianceClock.WeekStart(today).AddDays(7 * 3 + 5);      // that Saturday follows Wednesday
        db.Terms.Add(new Term
        {
            AllianceId = alliance.Id, Name = "本学期 (演示)", FirstDay = termStart, LastDay = termStart.AddDays(7 * 20 - 3),
            SpecialDays =
            [
                new TermDay { Date = holiday, Kind = TermDayKind.Holiday, Note = "运动会 Sports day" },
                new TermDay { Date = makeUp, Kind = TermDayKind.MakeUp, FollowsWeekday = DayOfWeek.Wednesday, Note = "调休 补周三课" },
            ],
        });

        var lead = new School { AllianceId = alliance.Id, Name = "城关第一小学", Code = "CG1", IsLead = true, LinkMbps = 200 };
        lead.BellSchedules.AddRange(Schedules(0, 0));
        var teachers = new[] { "王芳", "李静", "张伟", "陈丽" }.Select(n => new Teacher { Name = n, FeedKeyHash = SecretKeys.UnknownHash() }).ToList();
        lead.Teachers.AddRange(teachers);
        var studios = new[] { "录播室一", "录播室二" }.Select(n => new Studio { Name = n }).ToList();
        lead.Studios.AddRange(studios);
        db.Schools.Add(lead);

        var villages = new (string Name, string Code, double Link, int Shift, int AfternoonShift)[]
        {
            ("河湾村小学", "HW", 20, 5, 0), ("石桥村小学", "SQ", 12, -5, 0), ("柳林教学点", "LL", 8, 3, 15), ("青山村小学", "QS", 30, 0, -5),
        };
        var members = new List<School>();
        foreach (var v in villages)
        {
            var school = new School { AllianceId = alliance.Id, Name = v.Name, Code = v.Code, IsLead = false, LinkMbps = v.Link };
            school.BellSchedules.AddRange(Schedules(v.Shift, v.AfternoonShift));
            foreach (var grade in new[] { 3, 4, 5 })
            {
                var room = new ClassroomRoom { Grade = grade, ClassName = $"{grade}年级1班", Seats = 30, KioskKeyHash = SecretKeys.UnknownHash(), FeedKeyHash = SecretKeys.UnknownHash() };
                for (var i = 1; i <= 12 + grade; i++)
                    room.Roster.Add(new RosterEntry { SchoolStudentId = $"{v.Code}{grade}{i:D2}", DisplayName = $"学生{grade}-{i:D2}" });
                room.Demands.Add(Demand("音乐", 2, (DayOfWeek.Monday, "第3节"), (DayOfWeek.Wednesday, "第3节"), (DayOfWeek.Monday, "第5节"),
                    (DayOfWeek.Wednesday, "第5节"), (DayOfWeek.Thursday, "第4节"), (DayOfWeek.Friday, "第3节")));
                room.Demands.Add(Demand("美术", 1, (DayOfWeek.Tuesday, "第4节"), (DayOfWeek.Thursday, "第6节"), (DayOfWeek.Tuesday, "第6节")));
                if (grade >= 4) room.Demands.Add(Demand("英语", 2, (DayOfWeek.Tuesday, "第2节"), (DayOfWeek.Thursday, "第2节"), (DayOfWeek.Friday, "第5节")));
                school.Classrooms.Add(room);
            }

            members.Add(school);
            db.Schools.Add(school);
        }

        await db.SaveChangesAsync(ct);

        var plan = new (string Subject, int Grade, int Teacher, int Studio, DayOfWeek Day, string Period)[]
        {
            ("音乐", 3, 0, 0, DayOfWeek.Monday, "第3节"), ("音乐", 4, 0, 0, DayOfWeek.Wednesday, "第5节"), ("音乐", 5, 0, 0, DayOfWeek.Friday, "第3节"),
            ("音乐", 3, 0, 0, DayOfWeek.Wednesday, "第3节"), ("音乐", 4, 0, 0, DayOfWeek.Monday, "第5节"), ("音乐", 5, 0, 0, DayOfWeek.Thursday, "第4节"),
            ("美术", 3, 1, 1, DayOfWeek.Tuesday, "第4节"), ("美术", 4, 1, 1, DayOfWeek.Thursday, "第6节"), ("美术", 5, 1, 1, DayOfWeek.Tuesday, "第6节"),
            ("英语", 4, 2, 1, DayOfWeek.Tuesday, "第2节"), ("英语", 4, 2, 1, DayOfWeek.Thursday, "第2节"),
            ("英语", 5, 2, 0, DayOfWeek.Friday, "第5节"), ("英语", 5, 3, 0, DayOfWeek.Thursday, "第2节"),
        };
        foreach (var p in plan)
        {
            db.LeadLessons.Add(new LeadLesson
            {
                AllianceId = alliance.Id, SchoolId = lead.Id, Subject = p.Subject, Grade = p.Grade,
                TeacherId = teachers[p.Teacher].Id, StudioId = studios[p.Studio].Id, Weekday = p.Day, PeriodName = p.Period, BitrateMbps = 2.5,
            });
        }

        await db.SaveChangesAsync(ct);
        return alliance.Id;
    }

    /// <summary>Summer (May–Sep) and winter timetables; winter afternoons start 30 minutes earlier.</summary>
    private static IEnumerable<BellSchedule> Schedules(int shift, int afternoonShift)
    {
        var summer = new BellSchedule { Name = "夏季作息" };
        var winter = new BellSchedule { Name = "冬季作息" };
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            foreach (var (name, start, end) in LeadDay)
            {
                var afternoon = start >= 12 * 60;
                var s = start + shift + (afternoon ? afternoonShift : 0);
                var e = end + shift + (afternoon ? afternoonShift : 0);
                summer.Periods.Add(new BellPeriod { Weekday = day, Name = name, Start = Minutes(s), End = Minutes(e) });
                winter.Periods.Add(new BellPeriod { Weekday = day, Name = name, Start = Minutes(afternoon ? s - 30 : s), End = Minutes(afternoon ? e - 30 : e) });
            }
        }

        // The seasons recur every year by month and day, so the demo never needs re-entering.
        (summer.SeasonFrom, summer.SeasonTo) = (new MonthDay(5, 1), new MonthDay(9, 30));
        (winter.SeasonFrom, winter.SeasonTo) = (new MonthDay(10, 1), new MonthDay(4, 30));
        return [summer, winter];
    }

    private static MemberDemand Demand(string subject, int perWeek, params (DayOfWeek Day, string Period)[] periods) => new()
    {
        Subject = subject, LessonsPerWeek = perWeek,
        Periods = periods.Select(p => new DemandPeriod { Weekday = p.Day, PeriodName = p.Period }).ToList(),
    };

    private static TimeOnly Minutes(int minutes) => new(minutes / 60, minutes % 60);
}
