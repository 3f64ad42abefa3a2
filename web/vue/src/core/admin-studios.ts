// Studios, studio bookings, class rosters and the district's settings as the admin console edits
// them (docs/admin-studios.md). Framework-free, so Vitest drives it (admin-studios.test.ts); the
// views only bind these to Element Plus. Contract types are the generated ones (docs/web-types.md).
import type { BellScheduleDto, BookingView, DeviceDeviceView, DistrictRequest, DistrictView, RosterEntryDto, StreamKeyDto, StudioBookingRequest } from "../../../src/generated/api";

/** The console's views of this file, at a place: a school's studios (with their bookings) and rosters; the district's settings. */
export type StudiosView = "studios" | "rosters" | "district";

export function studiosViewsFor(reach: { county: boolean }, place: { allianceId: number | null; schoolId: number | null }): StudiosView[] {
  if (place.schoolId != null) return ["studios", "rosters"];
  return reach.county && place.allianceId == null ? ["district"] : [];
}

// ---- Studio bookings ------------------------------------------------------------------------

/** The period names a school's bells ring, in the order of the day (earliest start first); "第2节" before "第10节". */
export function periodNames(schedules: readonly BellScheduleDto[]): string[] {
  const first = new Map<string, string>();
  for (const s of schedules)
    for (const p of s.periods) {
      const seen = first.get(p.name);
      if (seen == null || p.start < seen) first.set(p.name, p.start);
    }
  return [...first.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0], "zh-CN", { numeric: true })).map(([name]) => name);
}

/**
 * A studio's PCs among the school's devices (GET /api/schools/{id}/devices lists classroom and studio
 * devices alike): those enrolled for this studio, in use first, newest first.
 */
export function studioDevices(devices: readonly DeviceDeviceView[], studioId: number): DeviceDeviceView[] {
  return devices.filter((d) => d.kind === "studio" && d.studioId === studioId).sort((a, b) => Number(a.revoked) - Number(b.revoked) || b.id - a.id);
}

/** How many PCs of the studio are in use (not revoked): the studio list's column. */
export const activeStudioDevices = (devices: readonly DeviceDeviceView[], studioId: number) => studioDevices(devices, studioId).filter((d) => !d.revoked).length;

export interface BookingForm { teacherId: number | null; date: string; periodName: string; subject: string; grade: number | null }

/** What is missing in a booking form, as locale keys under studios.booking.missing; empty when it may be sent. */
export function bookingProblems(f: BookingForm): string[] {
  const missing: string[] = [];
  if (f.teacherId == null) missing.push("teacher");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) missing.push("date");
  if (!f.periodName.trim()) missing.push("period");
  if (!f.subject.trim() || f.subject.trim().length > 50) missing.push("subject");
  if (f.grade == null || !Number.isInteger(f.grade) || f.grade < 1 || f.grade > 12) missing.push("grade");
  return missing;
}

/** The body of POST /api/studios/{id}/bookings for a complete form (the solver pairs the rooms from demand). */
export function bookingRequest(f: BookingForm): StudioBookingRequest {
  return { teacherId: f.teacherId!, date: f.date, periodName: f.periodName.trim(), subject: f.subject.trim(), grade: f.grade!, rooms: null, bitrateMbps: 2 };
}

/** Bookings in the order of the day they happen, then by period (as the bells ring them when known). */
export function sortBookings(bookings: readonly BookingView[], periods: readonly string[] = []): BookingView[] {
  const rank = (name: string) => { const i = periods.indexOf(name); return i < 0 ? periods.length : i; };
  return [...bookings].sort((a, b) => a.date.localeCompare(b.date) || rank(a.periodName) - rank(b.periodName) ||
    a.periodName.localeCompare(b.periodName, "zh-CN", { numeric: true }) || a.id - b.id);
}

/** Refusals the server gives a booking (StudioBookings): a conflict or a day without that lesson, told in the caller's language. */
export const bookingRefusalCodes = ["studio_busy", "teacher_busy", "not_a_school_day", "no_such_period"] as const;

// ---- Stream key -----------------------------------------------------------------------------

export interface IngestLine { key: "rtmpServer" | "streamKey" | "rtmpUrl" | "srtUrl"; value: string }

/**
 * What to type into the studio's recording host, from the rotation's answer: the key itself, and
 * the RTMP server + URL and SRT URL when this server's bridge listens (null otherwise).
 */
export function ingestLines(k: StreamKeyDto): IngestLine[] {
  const lines: IngestLine[] = [];
  if (k.rtmpServer) lines.push({ key: "rtmpServer", value: k.rtmpServer });
  lines.push({ key: "streamKey", value: k.streamKey });
  if (k.rtmpUrl) lines.push({ key: "rtmpUrl", value: k.rtmpUrl });
  if (k.srtUrl) lines.push({ key: "srtUrl", value: k.srtUrl });
  return lines;
}

// ---- Rosters --------------------------------------------------------------------------------

export interface RosterRow { schoolStudentId: string; displayName: string }

/** Per row, what is wrong (locale keys under studios.roster.problem): empty, too long, or an id given twice. */
export function rosterProblems(rows: readonly RosterRow[]): Map<number, string> {
  const problems = new Map<number, string>();
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const id = r.schoolStudentId.trim(), name = r.displayName.trim();
    if (!id) problems.set(i, "idRequired");
    else if (id.length > 64) problems.set(i, "idTooLong");
    else if (!name) problems.set(i, "nameRequired");
    else if (name.length > 100) problems.set(i, "nameTooLong");
    else if (seen.has(id)) problems.set(i, "duplicate");
    if (id) seen.set(id, seen.get(id) ?? i);
  });
  return problems;
}

/** The body of PUT /api/classrooms/{id}/roster: the whole roster, trimmed, sorted as the server answers it. */
export function rosterRequest(rows: readonly RosterRow[]): RosterEntryDto[] {
  return rows.map((r) => ({ schoolStudentId: r.schoolStudentId.trim(), displayName: r.displayName.trim() }))
    .sort((a, b) => a.schoolStudentId.localeCompare(b.schoolStudentId));
}

/** Whether the edited roster differs from the stored one (order does not matter; the server sorts by id). */
export function rosterChanged(stored: readonly RosterEntryDto[], edited: readonly RosterRow[]): boolean {
  const a = rosterRequest(stored), b = rosterRequest(edited);
  return a.length !== b.length || a.some((x, i) => x.schoolStudentId !== b[i].schoolStudentId || x.displayName !== b[i].displayName);
}

/** A new student id following the roster's pattern ("HW301" → "HW316"), or "" when there is none to follow. */
export function nextStudentId(rows: readonly RosterRow[]): string {
  let best: { prefix: string; n: number; width: number } | null = null;
  for (const r of rows) {
    const m = /^(.*?)(\d+)$/.exec(r.schoolStudentId.trim());
    if (!m) continue;
    const n = Number(m[2]);
    if (!best || n > best.n) best = { prefix: m[1], n, width: m[2].length };
  }
  if (!best) return "";
  const taken = new Set(rows.map((r) => r.schoolStudentId.trim()));
  let n = best.n + 1;
  let id = `${best.prefix}${String(n).padStart(best.width, "0")}`;
  while (taken.has(id)) id = `${best.prefix}${String(++n).padStart(best.width, "0")}`;
  return id;
}

// ---- District settings ----------------------------------------------------------------------

/** The district form: each setting either its own value or null (follow the server's default). */
export interface DistrictForm { name: string; minOverlapShare: number | null; relayCapacityPerLesson: number | null; uplinkSharePerStream: number | null }

export const districtLimits = {
  minOverlapShare: { min: 0.05, max: 1, step: 0.05 },
  relayCapacityPerLesson: { min: 1, max: 100_000, step: 1 },
  uplinkSharePerStream: { min: 0.05, max: 1, step: 0.05 },
} as const;
export type DistrictSetting = keyof typeof districtLimits;
export const districtSettings = Object.keys(districtLimits) as DistrictSetting[];

export function districtForm(v: DistrictView): DistrictForm {
  return { name: v.name, minOverlapShare: v.own.minOverlapShare, relayCapacityPerLesson: v.own.relayCapacityPerLesson, uplinkSharePerStream: v.own.uplinkSharePerStream };
}

/** The settings out of range (the server refuses them too, with a 400 per field). */
export function districtProblems(f: DistrictForm): DistrictSetting[] {
  return districtSettings.filter((k) => {
    const v = f[k];
    if (v == null) return false;
    const { min, max } = districtLimits[k];
    return !Number.isFinite(v) || v < min || v > max || (k === "relayCapacityPerLesson" && !Number.isInteger(v));
  });
}

/** The body of PUT /api/district; an empty name keeps the stored one (the server keeps it when null). */
export function districtRequest(f: DistrictForm): DistrictRequest {
  return { name: f.name.trim() || null, minOverlapShare: f.minOverlapShare, relayCapacityPerLesson: f.relayCapacityPerLesson, uplinkSharePerStream: f.uplinkSharePerStream };
}
