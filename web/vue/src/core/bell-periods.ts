// The bell schedule editor's rules (docs/admin-calendar.md): a period's times, overlaps between
// periods of the same weekday, names unique per weekday, and the season's recurring dates — the
// rules of the scheduler's PeriodRules and Inputs.BellSchedule, checked as the person types so the
// rows at fault are marked before anything is sent. The server checks them again on save.
import type { BellScheduleDto, BellScheduleRequest, DayOfWeek } from "../../../src/generated/api";

export interface PeriodRow { weekday: DayOfWeek; name: string; start: string; end: string }

export type PeriodProblem =
  | { code: "start" } | { code: "end" } | { code: "inverted" } | { code: "name" }
  | { code: "sameName"; other: number } | { code: "overlap"; other: number };

/** Minutes after midnight of "H:mm" / "HH:mm" (optionally ":ss"; a full-width "：" typed by a Chinese IME too), or null when it is not a time. */
export function minutesOf(text: string): number | null {
  const m = /^\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 && Number(m[3] ?? 0) < 60 ? h * 60 + min : null;
}

export const clockOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * Every row's problems. Two periods of one weekday overlap when each starts before the other ends
 * (touching, 08:40 end and 08:40 start, is fine); both rows are marked, each naming the other.
 */
export function periodProblems(rows: readonly PeriodRow[]): PeriodProblem[][] {
  const problems: PeriodProblem[][] = rows.map(() => []);
  const times = rows.map((r) => ({ start: minutesOf(r.start), end: minutesOf(r.end) }));
  rows.forEach((r, i) => {
    if (!r.name.trim()) problems[i].push({ code: "name" });
    if (times[i].start == null) problems[i].push({ code: "start" });
    if (times[i].end == null) problems[i].push({ code: "end" });
    if (times[i].start != null && times[i].end != null && times[i].end! <= times[i].start!) problems[i].push({ code: "inverted" });
  });
  const valid = (i: number) => times[i].start != null && times[i].end != null && times[i].end! > times[i].start!;
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++) {
      if (rows[i].weekday !== rows[j].weekday) continue;
      if (rows[i].name.trim() && rows[i].name.trim() === rows[j].name.trim()) {
        problems[i].push({ code: "sameName", other: j });
        problems[j].push({ code: "sameName", other: i });
      }
      if (valid(i) && valid(j) && times[i].start! < times[j].end! && times[j].start! < times[i].end!) {
        problems[i].push({ code: "overlap", other: j });
        problems[j].push({ code: "overlap", other: i });
      }
    }
  return problems;
}

/** A recurring season day "MM-dd" as the server reads it (MonthDay: a day every year has, so not 02-29). */
export function isMonthDay(text: string): boolean {
  const m = /^\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

export interface ScheduleDraft {
  name: string; validFrom: string | null; validTo: string | null;
  /** Recurring season (夏季/冬季作息): both set or both empty. */
  seasonFrom: string; seasonTo: string;
  periods: PeriodRow[];
}

export type ScheduleProblem = { code: "name" } | { code: "noPeriods" } | { code: "validOrder" } | { code: "seasonFrom" } | { code: "seasonTo" };

/** The schedule's own problems (not its rows'). */
export function scheduleProblems(s: ScheduleDraft): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!s.name.trim()) problems.push({ code: "name" });
  if (s.periods.length === 0) problems.push({ code: "noPeriods" });
  if (s.validFrom && s.validTo && s.validTo < s.validFrom) problems.push({ code: "validOrder" });
  const season = s.seasonFrom.trim() !== "" || s.seasonTo.trim() !== "";
  if (season && !isMonthDay(s.seasonFrom)) problems.push({ code: "seasonFrom" });
  if (season && !isMonthDay(s.seasonTo)) problems.push({ code: "seasonTo" });
  return problems;
}

export const canSave = (s: ScheduleDraft): boolean =>
  scheduleProblems(s).length === 0 && periodProblems(s.periods).every((p) => p.length === 0);

const order: readonly DayOfWeek[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function draftOf(dto: BellScheduleDto | null): ScheduleDraft {
  if (!dto) return { name: "", validFrom: null, validTo: null, seasonFrom: "", seasonTo: "", periods: [] };
  return {
    name: dto.name, validFrom: dto.validFrom, validTo: dto.validTo, seasonFrom: dto.seasonFrom ?? "", seasonTo: dto.seasonTo ?? "",
    periods: dto.periods.map((p) => ({ ...p })).sort((a, b) => order.indexOf(a.weekday) - order.indexOf(b.weekday) || a.start.localeCompare(b.start)),
  };
}

/** "8：05" → "08:05", the form the server reads; what is not a time goes as typed (and is refused). */
const normal = (text: string) => { const m = minutesOf(text); return m == null ? text.trim() : clockOf(m); };

export function toRequest(s: ScheduleDraft): BellScheduleRequest {
  const season = s.seasonFrom.trim() !== "" || s.seasonTo.trim() !== "";
  return {
    name: s.name.trim(), validFrom: s.validFrom || null, validTo: s.validTo || null,
    seasonFrom: season ? s.seasonFrom.trim() : null, seasonTo: season ? s.seasonTo.trim() : null,
    periods: s.periods.map((p) => ({ weekday: p.weekday, name: p.name.trim(), start: normal(p.start), end: normal(p.end) })),
  };
}

/** A new period for the weekday: 10 minutes after its last one, as long as that one (40 minutes if none), named by its number. */
export function nextPeriod(rows: readonly PeriodRow[], weekday: DayOfWeek, nameOf: (n: number) => string): PeriodRow {
  const day = rows.filter((r) => r.weekday === weekday);
  const last = day.map((r) => ({ s: minutesOf(r.start), e: minutesOf(r.end) })).filter((t) => t.s != null && t.e != null && t.e > t.s)
    .sort((a, b) => a.e! - b.e!).at(-1);
  const length = last ? last.e! - last.s! : 40;
  const start = last ? last.e! + 10 : 8 * 60;
  return { weekday, name: nameOf(day.length + 1), start: clockOf(Math.min(start, 23 * 60)), end: clockOf(Math.min(start + length, 23 * 60 + 59)) };
}

/** The periods with `to`'s replaced by copies of `from`'s ("same bells every weekday"). */
export function copyDay(rows: readonly PeriodRow[], from: DayOfWeek, to: readonly DayOfWeek[]): PeriodRow[] {
  const source = rows.filter((r) => r.weekday === from);
  const kept = rows.filter((r) => !to.includes(r.weekday) || r.weekday === from);
  const copies = to.filter((d) => d !== from).flatMap((d) => source.map((r) => ({ ...r, weekday: d })));
  return [...kept, ...copies].sort((a, b) => order.indexOf(a.weekday) - order.indexOf(b.weekday) || a.start.localeCompare(b.start));
}

export const WEEK_ORDER = order;
