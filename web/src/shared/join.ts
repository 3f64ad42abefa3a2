// Join tokens (short-lived, lesson-scoped) are asked for when needed and kept in memory only:
// never in a URL, never in storage. The server decides from the caller's session or device
// cookie whether it may join (the lesson's teacher, a paired room's device, an observing admin).
import { api } from "./api.js";

export interface JoinGrant {
  token: string;
  expiresAt: string;
  role: string;
}

/** Renew this long before the token expires, so a reconnect never presents a stale one. */
const RENEW_BEFORE_MS = 60_000;

/** A source of the caller's join token for one lesson: POST /api/lessons/{id}/join, again when it nears expiry. */
export function lessonJoinToken(lessonId: string): () => Promise<string> {
  let current: JoinGrant | null = null;
  return async () => {
    if (!current || Date.parse(current.expiresAt) - Date.now() < RENEW_BEFORE_MS) {
      current = await api<JoinGrant>(`/api/lessons/${encodeURIComponent(lessonId)}/join`, { method: "POST" });
    }
    return current.token;
  };
}
