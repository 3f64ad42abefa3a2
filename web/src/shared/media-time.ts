// A lesson's media time: milliseconds since the studio's first media, which is also the zero of
// the lesson's recording. Every record a page sends (question, check-in, hand, quiz answer)
// carries it, so a question is a chapter at its place in the replay. The hub tells when the
// recording began on its own clock (LessonStateView.mediaStartedAtMs with serverTimeMs); the page
// turns that into an epoch of this PC's clock, which may be minutes off the server's.

/** Where a page keeps the epoch (ms of this PC's clock) of the lesson's media time zero. */
export interface EpochStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const mediaStartKey = (lesson: string): string => "classroom.mediaStart." + lesson;

/** The lesson's media zero on this PC's clock: the server's start moved by this PC's offset from the server. */
export function localMediaEpoch(mediaStartedAtMs: number, serverTimeMs: number, nowMs: number): number {
  return mediaStartedAtMs + (nowMs - serverTimeMs);
}

/**
 * Adopts the server's media start for `lesson` (after every state read). Before the recording
 * began (null) the page keeps counting from its first join; an explicit `?mediaStart=` wins.
 * Returns whether the stored epoch changed.
 */
export function alignMediaStart(lesson: string, mediaStartedAtMs: number | null | undefined, serverTimeMs: number,
  nowMs: number, storage: EpochStorage, search: string): boolean {
  if (!mediaStartedAtMs || !(serverTimeMs > 0)) return false;
  if (Number(new URLSearchParams(search).get("mediaStart")) > 0) return false;
  const epoch = String(localMediaEpoch(mediaStartedAtMs, serverTimeMs, nowMs));
  // A re-read moves the epoch only by the read's own delay; more than a second means a new start.
  const stored = Number(storage.getItem(mediaStartKey(lesson)));
  if (stored > 0 && Math.abs(stored - Number(epoch)) < 1000) return false;
  storage.setItem(mediaStartKey(lesson), epoch);
  return true;
}
