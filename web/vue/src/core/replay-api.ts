// The replay API (docs/replay.md "Endpoints") through the shared api() helper: same-origin
// cookies, antiforgery header, problems in the page's language, sign-in on 401.
import { api } from "../../../src/shared/api";

export interface RecordingRoom { classroomId: number; classroomName: string; schoolId: number; schoolName: string }
export interface RecordingSummary {
  id: string; lessonId: string; subject: string; teacherName: string; state: string;
  startedAt: string; endedAt: string | null; durationMs: number; rooms: RecordingRoom[];
}
export interface Chapter { questionId: string; mediaTimeMs: number; text: string; status: "open" | "answered" | "dismissed" | string }
export interface Progress { positionMs: number; watchedMs: number; updatedAt: string }
export interface ReplayQuestion {
  id: string; recordingId: string; lessonId: string; classroomId: number; mediaTimeMs: number; text: string;
  askedAt: string; answer: string | null; answeredAt: string | null;
}
export interface RecordingDetail extends RecordingSummary {
  discontinuities: number; recovered: boolean; posterUrl: string | null;
  renditions: { name: string; state: string }[];
  chapters: Chapter[]; progress: Progress | null; replayQuestions: ReplayQuestion[];
}
export interface PlayGrant { recordingId: string; state: string; url: string; renditions: Record<string, string>; posterUrl: string | null; expiresAt: string }

const path = (id: string) => "/api/recordings/" + encodeURIComponent(id);

export const replayApi = {
  list: () => api<RecordingSummary[]>("/api/recordings"),
  detail: (id: string) => api<RecordingDetail>(path(id)),
  play: (id: string) => api<PlayGrant>(path(id) + "/play", { method: "POST", json: {} }),
  /** keepalive: the last report is sent while the page unloads. */
  progress: (id: string, positionMs: number, watchedMs: number, keepalive = false) =>
    api<Progress>(path(id) + "/progress", { method: "PUT", json: { positionMs, watchedMs }, keepalive }),
  ask: (id: string, questionId: string, text: string, mediaTimeMs: number) =>
    api<ReplayQuestion>(path(id) + "/questions", { method: "POST", json: { id: questionId, text, mediaTimeMs } }),
  answer: (id: string, questionId: string, text: string) =>
    api<ReplayQuestion>(path(id) + "/questions/" + encodeURIComponent(questionId) + "/answer", { method: "POST", json: { text } }),
};
