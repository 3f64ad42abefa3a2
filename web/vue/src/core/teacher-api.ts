// The teacher's week's API (docs/teacher-week.md) through the shared api() helper, typed by the
// types generated from the server's OpenAPI document (docs/web-types.md).
import type { ApiBody, ApiResponse } from "../../../src/generated/api";
import { api } from "../../../src/shared/api";

export const teacherApi = {
  /** "" = the server's current week; else "?from=YYYY-MM-DD&to=YYYY-MM-DD" (core/teacher-week.ts lessonsQuery). */
  lessons: (query: string) => api<ApiResponse<"GET /api/me/lessons">>("/api/me/lessons" + query),
  recordings: () => api<ApiResponse<"GET /api/recordings">>("/api/recordings"),
  /** The teacher's lessons' replay questions still without an answer. */
  openQuestions: () => api<ApiResponse<"GET /api/replay-questions">>("/api/replay-questions?unanswered=true"),
  answer: (recordingId: string, questionId: string, text: string) =>
    api<ApiResponse<"POST /api/recordings/{id}/questions/{questionId}/answer">>(
      "/api/recordings/" + encodeURIComponent(recordingId) + "/questions/" + encodeURIComponent(questionId) + "/answer",
      { method: "POST", json: { text } satisfies ApiBody<"POST /api/recordings/{id}/questions/{questionId}/answer"> }),
};
