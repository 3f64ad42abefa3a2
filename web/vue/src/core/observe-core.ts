// The observe page's logic without Vue (docs/observe.md), Vitest: observe-core.test.ts.
import type { LessonObservation, LessonRoomDto } from "../../../src/generated/api";

/** A lesson occurrence id as the relay and scheduler spell it ("L12-20261123"), else null. */
export function lessonFromQuery(search: string): string | null {
  const id = new URLSearchParams(search).get("lesson");
  return id && /^L\d+-\d{8}$/.test(id) ? id : null;
}

/** The console's link to observe a lesson (Live today), keeping English when the console is in English. */
export function observeHref(lessonId: string, locale: string): string {
  return `/vue/observe.html?lesson=${encodeURIComponent(lessonId)}${locale === "en" ? "&lang=en" : ""}`;
}

/** "School class", as the studio's wall names a room. */
export function roomName(room: Pick<LessonRoomDto, "schoolName" | "classroomName">): string {
  return `${room.schoolName} ${room.classroomName}`;
}

/** The wall's rooms in a stable order: by school, then class name (zh collation). */
export function wallOrder<T extends Pick<LessonRoomDto, "schoolName" | "classroomName">>(rooms: readonly T[]): T[] {
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  return [...rooms].sort((a, b) => collator.compare(a.schoolName, b.schoolName) || collator.compare(a.classroomName, b.classroomName));
}

/** Refetch the observer token this long before it expires (it lives until the lesson's end + grace). */
export const RENEW_BEFORE_MS = 60_000;

/**
 * How long a join token lives, from its own "iat" and "exp" (both by the server's clock), so the
 * page's renewal does not depend on the PC's clock being right; null when the token is unreadable.
 */
export function tokenLifetimeMs(token: string): number | null {
  try {
    const part = token.split(".")[1] ?? "";
    const json = JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((part.length + 3) % 4))) as { iat?: unknown; exp?: unknown };
    return typeof json.iat === "number" && typeof json.exp === "number" && json.exp > json.iat ? (json.exp - json.iat) * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * One observation (token + lesson) shared by the studio's and the wall's WHEP sessions and their
 * reconnects: asked once, asked again only when the token is about to expire — every ask is an
 * audit row (lesson.observe) on the server, and a reconnect is no new observation.
 */
export class ObservationCache {
  private current: Promise<LessonObservation> | null = null;
  private expiresAt = 0;

  constructor(private readonly ask: () => Promise<LessonObservation>, private readonly now: () => number = () => Date.now()) {}

  get(): Promise<LessonObservation> {
    if (!this.current || this.now() > this.expiresAt - RENEW_BEFORE_MS) {
      const askedAt = this.now();
      const asked = this.ask();
      this.current = asked;
      this.expiresAt = Number.POSITIVE_INFINITY;
      // The PC's clock may be wrong: the token's own lifetime counted from when it was asked for.
      asked.then((o) => { if (this.current === asked) this.expiresAt = askedAt + (tokenLifetimeMs(o.token) ?? Date.parse(o.expiresAt) - askedAt); },
        () => { if (this.current === asked) this.current = null; });
    }
    return this.current;
  }

  async token(): Promise<string> {
    return (await this.get()).token;
  }
}
