// The term calendar as the admin console shows and edits it (docs/admin-calendar.md): which days of
// a term are teaching days, weekends, holidays and 调休 make-up days (a weekend day that follows a
// weekday's timetable). The same rules as the scheduler's TermCalendar.TimetableDay, so the page
// shows what the solver will do; the server checks them again on save.
import type { DayOfWeek, TermDayKind, TermDayRequest, TermRequest } from "../../../src/generated/api";
import { addDays } from "./week-grid";

/** Indexed by JavaScript's getUTCDay (0 = Sunday), like .NET's DayOfWeek. */
export const WEEKDAYS: readonly DayOfWeek[] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** The weekdays a make-up day may follow (the server refuses Saturday and Sunday). */
export const SCHOOL_WEEKDAYS: readonly DayOfWeek[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/** A term being edited: the request body the API takes. */
export interface TermDraft { name: string; firstDay: string; lastDay: string; specialDays: TermDayRequest[] }

export type DayState =
  | { kind: "outside" }
  | { kind: "teaching"; follows: DayOfWeek }
  | { kind: "weekend" }
  | { kind: "holiday"; note: string | null }
  | { kind: "makeup"; follows: DayOfWeek; note: string | null };

export const weekdayOf = (date: string): DayOfWeek => WEEKDAYS[new Date(date + "T00:00:00Z").getUTCDay()];
const isWeekend = (date: string) => ["Saturday", "Sunday"].includes(weekdayOf(date));
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(new Date(text + "T00:00:00Z").getTime());

/** What a date is in the term: TermCalendar.TimetableDay's answer, with the reason when there are no lessons. */
export function dayState(date: string, term: Pick<TermDraft, "firstDay" | "lastDay" | "specialDays">): DayState {
  if (date < term.firstDay || date > term.lastDay) return { kind: "outside" };
  const special = term.specialDays.find((d) => d.date === date);
  if (special?.kind === "Holiday") return { kind: "holiday", note: special.note };
  if (special?.kind === "MakeUp") return { kind: "makeup", follows: special.followsWeekday ?? weekdayOf(date), note: special.note };
  return isWeekend(date) ? { kind: "weekend" } : { kind: "teaching", follows: weekdayOf(date) };
}

/**
 * What the week view marks on a day: a holiday (休) or a 调休 make-up day with the weekday whose
 * timetable it follows, from the first term that holds the day; null for an ordinary day.
 */
export function specialDayOf(date: string, terms: readonly Pick<TermDraft, "firstDay" | "lastDay" | "specialDays">[]): Extract<DayState, { kind: "holiday" | "makeup" }> | null {
  for (const term of terms) {
    const state = dayState(date, { ...term, specialDays: term.specialDays ?? [] });
    if (state.kind === "holiday" || state.kind === "makeup") return state;
  }
  return null;
}

export interface CalendarMonth { key: string; year: number; month: number; weeks: (string | null)[][] }

/** The months from the first day's to the last day's, each as weeks of 7 days from Monday (null pads the edges). */
export function monthsOf(firstDay: string, lastDay: string, maxMonths = 24): CalendarMonth[] {
  if (!isDate(firstDay) || !isDate(lastDay) || lastDay < firstDay) return [];
  const months: CalendarMonth[] = [];
  let year = Number(firstDay.slice(0, 4));
  let month = Number(firstDay.slice(5, 7));
  while (months.length < maxMonths) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > lastDay.slice(0, 7)) break;
    const first = `${key}-01`;
    const weeks: (string | null)[][] = [];
    let week: (string | null)[] = Array((new Date(first + "T00:00:00Z").getUTCDay() + 6) % 7).fill(null);
    for (let d = first; d.startsWith(key); d = addDays(d, 1)) {
      week.push(d);
      if (week.length === 7) { weeks.push(week); week = []; }
    }
    if (week.length > 0) weeks.push([...week, ...Array(7 - week.length).fill(null)]);
    months.push({ key, year, month, weeks });
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

export interface DayChange { kind: TermDayKind; followsWeekday?: DayOfWeek | null; note?: string | null }

/** The special days with `date` set to `change` (null: back to an ordinary day), in date order. */
export function withDay(days: readonly TermDayRequest[], date: string, change: DayChange | null): TermDayRequest[] {
  const rest = days.filter((d) => d.date !== date);
  if (change) {
    rest.push({
      date, kind: change.kind, note: change.note?.trim() ? change.note.trim() : null,
      followsWeekday: change.kind === "MakeUp" ? change.followsWeekday ?? weekdayOf(date) : null,
    });
  }
  return rest.sort((a, b) => a.date.localeCompare(b.date));
}

/** What a click on a day proposes: a weekend day becomes a make-up day, a teaching day a holiday. */
export function proposedChange(date: string, term: TermDraft): DayChange {
  const state = dayState(date, term);
  if (state.kind === "holiday") return { kind: "Holiday", note: state.note };
  if (state.kind === "makeup") return { kind: "MakeUp", followsWeekday: state.follows, note: state.note };
  return state.kind === "weekend" ? { kind: "MakeUp", followsWeekday: "Monday" } : { kind: "Holiday" };
}

export function schoolDays(term: TermDraft): number {
  let n = 0;
  if (!isDate(term.firstDay) || !isDate(term.lastDay)) return 0;
  for (let d = term.firstDay; d <= term.lastDay; d = addDays(d, 1)) {
    const k = dayState(d, term).kind;
    if (k === "teaching" || k === "makeup") n++;
  }
  return n;
}

export type TermProblem =
  | { code: "name" } | { code: "dates" } | { code: "order" } | { code: "tooLong" }
  | { code: "outside"; dates: string[] } | { code: "makeupWeekday"; date: string } | { code: "noSchoolDay" };

/** What the server would refuse (Inputs.Term), found before sending so the page can say it at once. */
export function termProblems(term: TermDraft): TermProblem[] {
  const problems: TermProblem[] = [];
  if (!term.name.trim()) problems.push({ code: "name" });
  if (!isDate(term.firstDay) || !isDate(term.lastDay)) return [...problems, { code: "dates" }];
  if (term.lastDay < term.firstDay) return [...problems, { code: "order" }];
  if (monthsOf(term.firstDay, term.lastDay, 25).length > 24) problems.push({ code: "tooLong" });
  const outside = term.specialDays.filter((d) => d.date < term.firstDay || d.date > term.lastDay).map((d) => d.date);
  if (outside.length > 0) problems.push({ code: "outside", dates: outside });
  for (const d of term.specialDays)
    if (d.kind === "MakeUp" && (d.followsWeekday === "Saturday" || d.followsWeekday === "Sunday")) problems.push({ code: "makeupWeekday", date: d.date });
  if (problems.length === 0 && schoolDays(term) === 0) problems.push({ code: "noSchoolDay" });
  return problems;
}

export const toRequest = (term: TermDraft): TermRequest => ({
  name: term.name.trim(), firstDay: term.firstDay, lastDay: term.lastDay, specialDays: term.specialDays,
});

/** The request without the special days outside the term (after its dates were narrowed). */
export const withoutOutside = (term: TermDraft): TermDraft =>
  ({ ...term, specialDays: term.specialDays.filter((d) => d.date >= term.firstDay && d.date <= term.lastDay) });
