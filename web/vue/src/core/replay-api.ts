// The replay API (docs/replay.md "Endpoints") through the shared api() helper: same-origin
// cookies, antiforgery header, problems in the page's language, sign-in on 401.
import { api } from "../../../src/shared/api";
import type { ApiBody, ApiResponse, ChapterView, PlayGrant, ProgressView, RecordingDetail, RecordingRoomView, RecordingSummary, ReplayQuestionView } from "../../../src/generated/api";

// The DTOs are generated from the server's OpenAPI document (docs/web-types.md); the page's names
// for them stay as they were.
export type { PlayGrant, RecordingDetail, RecordingSummary };
export type RecordingRoom = RecordingRoomView;
export type Chapter = ChapterView;
export type Progress = ProgressView;
export type ReplayQuestion = ReplayQuestionView;

const path = (id: string) => "/api/recordings/" + encodeURIComponent(id);

export const replayApi = {
  list: () => api<ApiResponse<"GET /api/recordings">>("/api/recordings"),
  detail: (id: string) => api<ApiResponse<"GET /api/recordings/{id}">>(path(id)),
  play: (id: string) => api<ApiResponse<"POST /api/recordings/{id}/play">>(path(id) + "/play", { method: "POST", json: {} }),
  /** keepalive: the last report is sent while the page unloads. */
  progress: (id: string, positionMs: number, watchedMs: number, keepalive = false) =>
    api<ApiResponse<"PUT /api/recordings/{id}/progress">>(path(id) + "/progress",
      { method: "PUT", json: { positionMs, watchedMs } satisfies ApiBody<"PUT /api/recordings/{id}/progress">, keepalive }),
  ask: (id: string, questionId: string, text: string, mediaTimeMs: number) =>
    api<ApiResponse<"POST /api/recordings/{id}/questions">>(path(id) + "/questions",
      { method: "POST", json: { id: questionId, text, mediaTimeMs } satisfies ApiBody<"POST /api/recordings/{id}/questions"> }),
  answer: (id: string, questionId: string, text: string) =>
    api<ApiResponse<"POST /api/recordings/{id}/questions/{questionId}/answer">>(path(id) + "/questions/" + encodeURIComponent(questionId) + "/answer",
      { method: "POST", json: { text } satisfies ApiBody<"POST /api/recordings/{id}/questions/{questionId}/answer"> }),
};
