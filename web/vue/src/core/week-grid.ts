// The week view's grid: days × periods, each cell the lessons taught then with their paired rooms.
// Periods are the distinct start–end times of the week's lessons in the alliance's zone (schools'
// bell schedules differ; the lead lessons' times are what the week is made of).
import type { Pairing } from "./admin-api";

export interface GridRoom { classroomId: number; schoolName: string; classroomName: string }
export interface GridLesson { lessonId: string; subject: string; grade: number; teacherName: string; rooms: GridRoom[] }
export interface GridRow { period: string; cells: GridLesson[][] }
export interface WeekGrid { days: string[]; rows: GridRow[] }

/** Every date from `from` to `to` (yyyy-MM-dd, inclusive). */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(from + "T00:00:00Z"); d <= new Date(to + "T00:00:00Z"); d = new Date(d.getTime() + 86_400_000)) days.push(d.toISOString().slice(0, 10));
  return days;
}

/** Monday of the week holding `date` (yyyy-MM-dd, a calendar date, no zone). */
export function mondayOf(date: string): string {
  const d = new Date(date + "T00:00:00Z");
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(date + "T00:00:00Z").getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Whether a week picker refuses a day (a local calendar Date of the picker): with no term any day
 * may be picked, else only days of the weeks a term touches (its first week from Monday, its last
 * to Sunday), so a week that starts before the term or ends after it can still be opened.
 */
export function outsideTerms(terms: readonly { firstDay: string; lastDay: string }[], date: Date): boolean {
  if (terms.length === 0) return false;
  const d = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  return !terms.some((term) => mondayOf(term.firstDay) <= d && d <= addDays(mondayOf(term.lastDay), 6));
}

export function clock(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
}

// One collator for every comparison: String.localeCompare with a locale argument builds a new one
// per call, which made sorting a 10,000-pairing county week take seconds.
const collator = new Intl.Collator("zh-CN");

export function weekGrid(pairings: readonly Pairing[], from: string, to: string, timeZone = "Asia/Shanghai"): WeekGrid {
  const days = daysOf(from, to);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const lessons = new Map<string, { lesson: GridLesson; period: string; day: number }>();
  for (const p of pairings) {
    const day = dayIndex.get(p.date);
    if (day === undefined) continue;
    let entry = lessons.get(p.lessonId);
    if (!entry) {
      entry = { lesson: { lessonId: p.lessonId, subject: p.subject, grade: p.grade, teacherName: p.teacherName, rooms: [] }, period: `${clock(p.startsAt, timeZone)}–${clock(p.endsAt, timeZone)}`, day };
      lessons.set(p.lessonId, entry);
    }
    entry.lesson.rooms.push({ classroomId: p.classroomId, schoolName: p.schoolName, classroomName: p.classroomName });
  }
  // Saturday and Sunday only when a lesson falls on them (a 调休 make-up day follows a weekday's timetable).
  const used = new Set([...lessons.values()].map((l) => l.day));
  const shown = days.map((d, i) => ({ d, i })).filter(({ d, i }) => used.has(i) || ![0, 6].includes(new Date(d + "T00:00:00Z").getUTCDay()));
  const periods = [...new Set([...lessons.values()].map((l) => l.period))].sort();
  const rows: GridRow[] = periods.map((period) => ({ period, cells: days.map(() => []) }));
  const rowOf = new Map(periods.map((p, i) => [p, rows[i]]));
  for (const { lesson, period, day } of lessons.values()) {
    lesson.rooms.sort((a, b) => collator.compare(a.schoolName, b.schoolName) || collator.compare(a.classroomName, b.classroomName));
    rowOf.get(period)!.cells[day].push(lesson);
  }
  for (const row of rows) {
    for (const cell of row.cells) cell.sort((a, b) => collator.compare(a.subject, b.subject) || a.grade - b.grade);
    row.cells = shown.map(({ i }) => row.cells[i]);
  }
  return { days: shown.map(({ d }) => d), rows };
}

/** Client-side search and paging of a list (the scheduler's list endpoints are not paged; docs/admin-console.md). */
export function pageOf<T>(rows: readonly T[], query: string, text: (row: T) => string, page: number, size: number): { rows: T[]; total: number } {
  const q = query.trim().toLowerCase();
  const matching = q ? rows.filter((r) => text(r).toLowerCase().includes(q)) : rows;
  const last = Math.max(1, Math.ceil(matching.length / size));
  const p = Math.min(Math.max(1, page), last);
  return { rows: matching.slice((p - 1) * size, p * size), total: matching.length };
}
