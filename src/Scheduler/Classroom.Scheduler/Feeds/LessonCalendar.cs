using Classroom.Scheduler.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Classroom.Scheduler.Feeds;

/// <summary>One paired lesson as a calendar event.</summary>
public sealed record CalendarLesson(string LessonId, string Subject, int Grade, DateTimeOffset Start, DateTimeOffset End, string Location, string Description);

/// <summary>
/// iCalendar (RFC 5545) feeds of paired lessons, times written in the alliance's zone
/// (Asia/Shanghai) with its VTIMEZONE, so phone and desktop calendars show school time.
/// </summary>
public static class LessonCalendar
{
    public static string Write(string name, string zoneId, IEnumerable<CalendarLesson> lessons)
    {
        var zone = AllianceClock.Zone(zoneId);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Classroom//Lesson feed//ZH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", zoneId);
        calendar.AddTimeZone(zoneId);
        foreach (var l in lessons)
        {
            var start = TimeZoneInfo.ConvertTime(l.Start, zone).DateTime;
            var end = TimeZoneInfo.ConvertTime(l.End, zone).DateTime;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = l.LessonId + "@classroom",
                Summary = $"{l.Subject}（{l.Grade}年级）同上一节课",
                Description = l.Description,
                Location = l.Location,
                DtStart = new CalDateTime(start, zoneId, true),
                DtEnd = new CalDateTime(end, zoneId, true),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
