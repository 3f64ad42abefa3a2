// The kiosk's timetable logic (docs/kiosk.md "Idle screen"): what GET /api/device/lesson says, which
// screen follows from it, the countdown text and when to ask again. Framework-free (Vitest).

/** A lesson as the device endpoint gives it (src/Scheduler/.../KioskEndpoints.cs KioskLesson). */
export interface KioskLesson {
  lessonId: string;
  subject: string;
  grade: number;
  teacherName: string;
  leadSchoolName?: string;
  startsAt: string;
  endsAt: string;
  token: string | null;
  tokenExpiresAt: string | null;
}

/** GET /api/device/lesson (KioskState): the room, server time, the current lesson (with a join token) and the next. */
export interface DeviceLesson {
  classroomId: number;
  className: string;
  schoolId: number;
  schoolName: string;
  now: string;
  current: KioskLesson | null;
  next: KioskLesson | null;
  /** The room's roster (display names), only while a lesson is current. */
  roster?: string[] | null;
}

/** A room may join this long before its lesson starts (KioskEndpoints.EarlyJoin). */
export const EARLY_JOIN_MS = 10 * 60_000;
/** Ask this often while nothing is near. */
export const SLOW_POLL_MS = 30_000;
/** Ask this often in the two minutes before the joining window opens, so the room joins within seconds of it. */
export const FAST_POLL_MS = 5_000;

/** How long to wait before asking the server again, given the state and the server's time now. */
export function nextPollDelayMs(state: DeviceLesson | null, serverNowMs: number): number {
  if (!state?.next) return SLOW_POLL_MS;
  const windowOpensIn = Date.parse(state.next.startsAt) - EARLY_JOIN_MS - serverNowMs;
  if (windowOpensIn <= 120_000) return FAST_POLL_MS;
  // Wake up in time for the fast phase even if it starts before the next slow poll.
  return Math.max(FAST_POLL_MS, Math.min(SLOW_POLL_MS, windowOpensIn - 120_000));
}

/** The lesson the room should join now (the server gives a token only inside the joining window). */
export function joinableLesson(state: DeviceLesson | null): KioskLesson | null {
  return state?.current?.token ? state.current : null;
}

/** "mm:ss", or "h:mm:ss" from an hour on; never negative. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
}

/** Days ahead: a countdown only makes sense within a day; beyond that the idle screen shows the date only. */
export function showCountdown(startsAtMs: number, serverNowMs: number): boolean {
  const left = startsAtMs - serverNowMs;
  return left > 0 && left < 24 * 3600_000;
}

/** The server's clock as seen from this PC: offset = server now − local now, taken at each answer. */
export function serverOffsetMs(serverNowIso: string, localNowMs: number): number {
  const server = Date.parse(serverNowIso);
  return Number.isFinite(server) ? server - localNowMs : 0;
}

/** Renew the device's join token this long before it expires (as web/src/shared/join.ts does). */
export const RENEW_BEFORE_MS = 60_000;

export function tokenNeedsRenewal(lesson: KioskLesson, localNowMs: number, offsetMs: number): boolean {
  if (!lesson.token || !lesson.tokenExpiresAt) return true;
  return Date.parse(lesson.tokenExpiresAt) - (localNowMs + offsetMs) < RENEW_BEFORE_MS;
}
