// The studio PC's screen (录播主机, docs/kiosk.md "Studio PC"): what GET /api/device/studio says, which
// lesson is the one to show large (the current, else the next today), when to ask again (at the
// next bell, else every 30 s; backing off while the server is away) and the hand-over address
// of the teacher's studio console. Framework-free (Vitest: kiosk-studio.test.ts).

import type { StudioDayStudioDay, StudioDayStudioDayLesson } from "../../../src/generated/api";

/** A lesson of the studio's day (StudioDayEndpoints.StudioDayLesson; generated). `oneDate`: a one-date lesson or a booking. */
export type StudioDayLesson = StudioDayStudioDayLesson;

/** GET /api/device/studio: the studio, the server's date and time, its lessons in bell order, the next day with a lesson, the alliance's zone. */
export type StudioDay = StudioDayStudioDay;

export type LessonState = "ended" | "live" | "upcoming";

/** A lesson's state at the server's time now (the answer's status ages between polls; the bells do not). */
export function lessonState(lesson: StudioDayLesson, serverNowMs: number): LessonState {
  if (serverNowMs < Date.parse(lesson.startsAt)) return "upcoming";
  return serverNowMs < Date.parse(lesson.endsAt) ? "live" : "ended";
}

/** The lesson the screen shows large: the one being taught now, else the next one today; null when the day is over or empty. */
export function focusLesson(day: StudioDay | null, serverNowMs: number): StudioDayLesson | null {
  if (!day) return null;
  return day.lessons.find((l) => lessonState(l, serverNowMs) === "live")
    ?? day.lessons.find((l) => lessonState(l, serverNowMs) === "upcoming")
    ?? null;
}

/** Ask this often while no bell is near (as the classroom kiosk does): a revoked credential or a new booking shows within 30 s. */
export const STUDIO_POLL_MS = 30_000;
/** Never sooner than this (two bells a second apart are one wake-up). */
export const STUDIO_MIN_POLL_MS = 2_000;
/** Ask this long after a bell, so the server's clock has passed it too. */
export const AFTER_BELL_MS = 1_000;

/** When to ask again: just after the next bell of the day (a start or an end) if it comes within 30 s, else in 30 s. */
export function studioPollDelayMs(day: StudioDay | null, serverNowMs: number): number {
  let delay = STUDIO_POLL_MS;
  for (const l of day?.lessons ?? []) {
    for (const bell of [Date.parse(l.startsAt), Date.parse(l.endsAt)]) {
      const until = bell - serverNowMs;
      if (until > 0) delay = Math.min(delay, until + AFTER_BELL_MS);
    }
  }
  return Math.max(STUDIO_MIN_POLL_MS, delay);
}

/** While the server cannot be reached (a restart, the network): 5 s, 10 s, 20 s, then every 30 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(30_000, 5_000 * 2 ** Math.max(0, failures - 1));
}

/**
 * The teacher's studio console for a lesson. It needs the teacher's own sign-in: the console sends a
 * browser that holds only this PC's device credential to the sign-in page (docs/kiosk.md "Studio PC").
 */
export function consoleUrl(lessonId: string): string {
  return `/vue/studio.html?lesson=${encodeURIComponent(lessonId)}`;
}

/** "08:00–08:40" in the alliance's zone (the bells are Beijing time). */
export function bellTimes(lesson: StudioDayLesson, locale: string, timeZone = "Asia/Shanghai"): string {
  const f = (iso: string) => new Date(iso).toLocaleTimeString(locale, { timeZone, hour: "2-digit", minute: "2-digit", hour12: false });
  return `${f(lesson.startsAt)}–${f(lesson.endsAt)}`;
}
