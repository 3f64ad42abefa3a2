// Reports, live today and recordings of the admin console (docs/admin-reports.md), framework-free:
// the URLs of the report endpoints, the heat map's matrix and its text summary, the live view's
// refresh schedule, recordings grouped by lesson with their expiry, and file downloads under sign-in.
import type { HeatmapCell, PlannedDeliveredReport, RecordingSummary } from "../../../src/generated/api";
import { ApiError } from "../../../src/shared/api";
import { currentLocale } from "../../../src/shared/i18n";
import { addDays } from "./week-grid";

export type PlannedDeliveredSchool = PlannedDeliveredReport["schools"][number];

/** China school days: a date's midnight in UTC+8 (the hub reports take instants; its heat map weeks are Shanghai weeks). */
export const chinaMidnight = (date: string) => `${date}T00:00:00+08:00`;

export { addDays };

const q = (params: Record<string, string | number | undefined>) =>
  Object.entries(params).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join("&");

/** The hub's attendance of an alliance over [from, to] (dates, both days included). */
export const attendanceUrl = (allianceId: number, from: string, to: string, format?: "csv" | "xlsx") =>
  `/api/hub/reports/attendance?${q({ allianceId, from: chinaMidnight(from), to: chinaMidnight(addDays(to, 1)), format })}`;
/** The heat map's cells (JSON), or its schools × weeks matrix of one measure as a file. */
export const heatmapUrl = (allianceId: number, from: string, to: string, format?: "csv" | "xlsx", measure?: HeatMetric) =>
  `/api/hub/reports/heatmap?${q({ allianceId, from: chinaMidnight(from), to: chinaMidnight(addDays(to, 1)), format, measure })}`;
export const lessonAttendanceUrl = (lessonId: string, format?: "csv" | "xlsx") =>
  `/api/hub/reports/lessons/${encodeURIComponent(lessonId)}${format ? `?format=${format}` : ""}`;
/** Planned vs delivered of one alliance, or of the county when allianceId is null. */
export const plannedDeliveredUrl = (allianceId: number | null, from: string, to: string, format?: "csv" | "xlsx") =>
  `${allianceId == null ? "/api/reports/planned-delivered" : `/api/alliances/${allianceId}/reports/planned-delivered`}?${q({ from, to, format })}`;
export const liveUrl = (allianceId: number | null) => (allianceId == null ? "/api/live" : `/api/alliances/${allianceId}/live`);

export type HeatMetric = "joined" | "headcount" | "minutes";

/** One cell's value: share of room-lessons joined, share of expected heads present (checked-in rooms), or minutes connected. */
export function cellValue(c: HeatmapCell, metric: HeatMetric): number | null {
  if (metric === "minutes") return c.minutesConnected;
  if (metric === "headcount") return c.expected > 0 ? Math.round((c.present / c.expected) * 1000) / 10 : null;
  return c.roomLessons > 0 ? Math.round((c.roomsJoined / c.roomLessons) * 1000) / 10 : null;
}

export interface HeatMatrix {
  schools: { id: number; name: string }[];
  weeks: string[];
  /** values[school][week]; null where the school had no lesson that week (or no check-in for headcount). */
  values: (number | null)[][];
  /** ECharts heatmap data: [weekIndex, schoolIndex, value]. */
  data: [number, number, number][];
  min: number;
  max: number;
}

/** Schools × ISO weeks (every week between the first and last seen, so a week without lessons shows as a gap). */
export function heatMatrix(cells: readonly HeatmapCell[], metric: HeatMetric): HeatMatrix {
  const schools = [...new Map(cells.map((c) => [c.schoolId, c.schoolName])).entries()].sort((a, b) => a[0] - b[0]).map(([id, name]) => ({ id, name }));
  const seen = [...new Set(cells.map((c) => c.week))].sort();
  const weeks = seen.length ? isoWeeksBetween(seen[0], seen[seen.length - 1]) : [];
  const values = schools.map((s) => weeks.map((w) => {
    const c = cells.find((x) => x.schoolId === s.id && x.week === w);
    return c ? cellValue(c, metric) : null;
  }));
  const data: [number, number, number][] = [];
  values.forEach((row, si) => row.forEach((v, wi) => { if (v != null) data.push([wi, si, v]); }));
  const all = data.map((d) => d[2]);
  return { schools, weeks, values, data, min: all.length ? Math.min(...all) : 0, max: all.length ? Math.max(...all) : 0 };
}

/** "2026-W48" → the Monday of that ISO week. */
export function isoWeekMonday(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (Number(m[2]) - 1) * 7);
  return monday.toISOString().slice(0, 10);
}

export function isoWeekOf(date: string): string {
  const thursday = new Date(date + "T00:00:00Z");
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function isoWeeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let d = isoWeekMonday(first); weeks.length < 60; d = addDays(d, 7)) {
    const w = isoWeekOf(d);
    weeks.push(w);
    if (w >= last) break;
  }
  return weeks;
}

/** The chart's short text alternative: size, and the lowest and highest cell with their school and week. */
export function heatSummary(m: HeatMatrix): { schools: number; weeks: number; low?: { school: string; week: string; value: number }; high?: { school: string; week: string; value: number } } {
  let low: { school: string; week: string; value: number } | undefined;
  let high: typeof low;
  m.values.forEach((row, si) => row.forEach((v, wi) => {
    if (v == null) return;
    if (!low || v < low.value) low = { school: m.schools[si].name, week: m.weeks[wi], value: v };
    if (!high || v > high.value) high = { school: m.schools[si].name, week: m.weeks[wi], value: v };
  }));
  return { schools: m.schools.length, weeks: m.weeks.length, low, high };
}

/** The term that holds today, else the last one before it, else the last 8 weeks up to today. */
export function defaultRange(terms: readonly { firstDay: string; lastDay: string }[], today: string): { from: string; to: string } {
  const holding = terms.find((t) => t.firstDay <= today && today <= t.lastDay);
  if (holding) return { from: holding.firstDay, to: today };
  const past = terms.filter((t) => t.lastDay < today).sort((a, b) => (a.lastDay < b.lastDay ? 1 : -1))[0];
  if (past) return { from: past.firstDay, to: past.lastDay };
  return { from: addDays(today, -55), to: today };
}

/**
 * The live view's refresh: every 30 s while it is open and the tab visible, doubling after
 * failures up to 5 minutes, and at most 240 refreshes (2 hours) before it waits for a click.
 */
export const LIVE_REFRESH_MS = 30_000;
export const LIVE_MAX_REFRESHES = 240;
export function nextRefreshDelay(failures: number): number {
  return Math.min(LIVE_REFRESH_MS * 2 ** Math.max(0, failures), 300_000);
}

export interface LessonRecordings {
  lessonId: string;
  subject: string;
  teacherName: string;
  startedAt: string;
  recordings: RecordingSummary[];
  views: number;
}

/** Recordings of the place (an alliance, a school, or all), grouped by lesson, newest lesson first. */
export function recordingsByLesson(list: readonly RecordingSummary[], place: { allianceId: number | null; schoolId: number | null }): LessonRecordings[] {
  const here = list.filter((r) => (place.allianceId == null || r.allianceId == null || r.allianceId === place.allianceId) &&
    (place.schoolId == null || r.rooms.some((room) => room.schoolId === place.schoolId)));
  const groups = new Map<string, LessonRecordings>();
  for (const r of here) {
    const g = groups.get(r.lessonId) ?? { lessonId: r.lessonId, subject: r.subject, teacherName: r.teacherName, startedAt: r.startedAt, recordings: [], views: 0 };
    g.recordings.push(r);
    g.views += r.views ?? 0;
    if (r.startedAt < g.startedAt) g.startedAt = r.startedAt;
    groups.set(r.lessonId, g);
  }
  return [...groups.values()].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}

/** Whole days from now until a recording's expiry (0 when due today or past). */
export function daysLeft(expiresAt: string | null | undefined, now: Date): number | null {
  if (!expiresAt) return null;
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now.getTime()) / 86_400_000));
}

/**
 * Downloads a report under sign-in, as the week view's exports do: fetched with the session cookie
 * and the page's language, a problem read as a problem (its sentence shown on the page), the blob
 * saved with the server's file name.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const response = await fetch(url, { credentials: "same-origin", headers: { "Accept-Language": currentLocale() === "en" ? "en" : "zh-CN" } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; code?: string };
    throw new ApiError(response.status, problem.code ?? String(response.status), problem.title ?? "", problem.detail ?? problem.title ?? response.statusText, problem);
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return a.download;
}
