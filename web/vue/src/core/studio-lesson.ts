// The lesson as the studio console shows it (docs/studio.md), framework-free: the hub's
// LessonStateView (docs/hub.md "Protocol"; staff see every paired room) turned into what the
// console lists — rooms with attendance and raised hands, the open questions by votes, the stage
// and its fair queue (the hub orders it), quizzes with per-room and total results.

export interface HubRoom {
  classroomId: number; classroomName: string; schoolName: string; connected: boolean;
  sinceMs?: number | null; present?: number | null; expected: number; drops: number; absentees: string[];
}
export interface HubQuestion { id: string; classroomId: number; text: string; status: "open" | "answered" | "dismissed" | string; upvotes: number; mediaTimeMs: number }
export interface HubHand { classroomId: number; schoolId: number }
export interface HubQuiz { id: string; prompt: string; options: string[]; open: boolean }
export interface HubQuizResults { quizId: string; totals: number[]; rooms: { classroomId: number; counts: number[] }[] }
export interface HubLessonState {
  lessonId: string;
  rooms: HubRoom[];
  questions: HubQuestion[];
  stage: { onStage: number[]; queue: HubHand[] };
  quizzes: HubQuiz[];
  quizResults: HubQuizResults[];
}

/** Hub broadcasts after which the console re-reads the state (the store is the truth; docs/hub.md). */
export const STATE_EVENTS = ["QuestionAsked", "QuestionUpdated", "CheckedIn", "AbsenteeMarked", "StageChanged",
  "QuizOpened", "QuizClosed", "QuizAnswered", "PresenceChanged"] as const;

export const EMPTY_STATE: HubLessonState = { lessonId: "", rooms: [], questions: [], stage: { onStage: [], queue: [] }, quizzes: [], quizResults: [] };

/** "School Class" — how a room is named everywhere on the console. */
export function roomName(room: Pick<HubRoom, "schoolName" | "classroomName">): string {
  return `${room.schoolName} ${room.classroomName}`.trim();
}

/** Open questions, most upvoted first, then the earliest asked. */
export function openQuestions(state: HubLessonState): HubQuestion[] {
  return state.questions.filter((q) => q.status === "open").sort((a, b) => b.upvotes - a.upvotes || a.mediaTimeMs - b.mediaTimeMs);
}

/** Rooms whose hand is up (waiting in the stage queue), by classroom id. */
export function raisedHands(state: HubLessonState): Set<number> {
  return new Set(state.stage.queue.map((h) => h.classroomId));
}

/** Headcount against expected: "23/25", "?/25" before the room checks in. */
export function headcount(room: Pick<HubRoom, "present" | "expected">): string {
  return `${room.present ?? "?"}/${room.expected}`;
}

export interface QuizRow { classroomId: number; name: string; counts: number[]; answered: boolean }
export interface QuizView { quiz: HubQuiz; totals: number[]; rooms: QuizRow[]; answeredRooms: number }

/** Every quiz with its totals and one row per paired room (zeros until the room answers), newest first. */
export function quizViews(state: HubLessonState): QuizView[] {
  return state.quizzes.map((quiz) => {
    const results = state.quizResults.find((r) => r.quizId === quiz.id);
    const zeros = quiz.options.map(() => 0);
    const rows = state.rooms.map((room) => {
      const counts = results?.rooms.find((r) => r.classroomId === room.classroomId)?.counts;
      return { classroomId: room.classroomId, name: roomName(room), counts: counts ?? zeros, answered: counts !== undefined };
    });
    return { quiz, totals: results?.totals ?? zeros, rooms: rows, answeredRooms: rows.filter((r) => r.answered).length };
  }).reverse();
}

/** Quiz options as the teacher types them: one per line or separated by commas (, or ，); 2..10 kept. */
export function parseOptions(text: string): string[] {
  return text.split(/[\n,，]/).map((o) => o.trim()).filter(Boolean).slice(0, 10);
}

/** The lesson timer: "mm:ss", or "h:mm:ss" past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The recording indicator from GET /api/lessons/{id}/recordings: recording while any is in state "recording". */
export function recordingState(recordings: readonly { state: string }[] | null): "recording" | "notRecording" | "unknown" {
  if (recordings === null) return "unknown";
  return recordings.some((r) => r.state === "recording") ? "recording" : "notRecording";
}
