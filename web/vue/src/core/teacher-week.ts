// The teacher's week (docs/teacher-week.md), framework-free: which week to ask for, which lesson
// is the one to open, where each link goes, and how lessons, recordings and replay questions are
// put together. Unit-tested in teacher-week.test.ts.
import type { RecordingSummary, ReplayQuestionView, TeacherMyLesson } from "../../../src/generated/api";

export type Lesson = TeacherMyLesson;
export type LessonState = "ended" | "now" | "upcoming";

/** Lessons are shown in China's time zone whatever the PC says (docs/teacher-week.md). */
export const ZONE = "Asia/Shanghai";
const DAY_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The dates of the week `offset` weeks away from the one holding `nowMs`, Monday to Sunday, counted
 * on the UTC date exactly as GET /api/me/lessons counts its default week (TeacherEndpoints).
 */
export function weekRange(nowMs: number, offset: number): { from: string; to: string } {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday = 0
  const monday = today - weekday * DAY_MS + offset * 7 * DAY_MS;
  return { from: iso(monday), to: iso(monday + 6 * DAY_MS) };
}

/** The query of GET /api/me/lessons: none for this week (the server's own clock decides), else the dates. */
export function lessonsQuery(nowMs: number, offset: number): string {
  if (offset === 0) return "";
  const { from, to } = weekRange(nowMs, offset);
  return `?from=${from}&to=${to}`;
}

export function lessonState(lesson: Lesson, nowMs: number): LessonState {
  if (Date.parse(lesson.endsAt) < nowMs) return "ended";
  return Date.parse(lesson.startsAt) <= nowMs ? "now" : "upcoming";
}

/** The lesson on now, else the next to start: the one whose studio is the primary action. */
export function focusLesson(lessons: readonly Lesson[], nowMs: number): Lesson | undefined {
  return [...lessons].sort((a, b) => a.startsAt.localeCompare(b.startsAt)).find((l) => lessonState(l, nowMs) !== "ended");
}

/** The studio console of a lesson (the same query as the plain studio page had). */
export const studioHref = (lessonId: string) => "/vue/studio.html?lesson=" + encodeURIComponent(lessonId);
export const replayHref = (recordingId: string) => "/vue/replay.html?recording=" + encodeURIComponent(recordingId);

/** The newest recording of each lesson (a lesson recorded twice, after a restart, links its last one). */
export function newestRecordingByLesson(recordings: readonly RecordingSummary[]): Map<string, RecordingSummary> {
  const byLesson = new Map<string, RecordingSummary>();
  for (const r of [...recordings].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) byLesson.set(r.lessonId, r);
  return byLesson;
}

/** Unanswered replay questions per lesson, for the count shown beside a lesson's replay link. */
export function openQuestionsByLesson(questions: readonly ReplayQuestionView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of questions) if (!q.answer) counts.set(q.lessonId, (counts.get(q.lessonId) ?? 0) + 1);
  return counts;
}

export interface QuestionGroup { recordingId: string; lessonId: string; recording: RecordingSummary | undefined; questions: ReplayQuestionView[] }

/** Replay questions waiting for an answer, by recording (newest lesson first), each in lesson time order. */
export function questionGroups(questions: readonly ReplayQuestionView[], recordings: readonly RecordingSummary[]): QuestionGroup[] {
  const byId = new Map(recordings.map((r) => [r.id, r]));
  const groups = new Map<string, QuestionGroup>();
  for (const q of questions) {
    if (q.answer) continue;
    const group = groups.get(q.recordingId) ?? { recordingId: q.recordingId, lessonId: q.lessonId, recording: byId.get(q.recordingId), questions: [] };
    group.questions.push(q);
    groups.set(q.recordingId, group);
  }
  const started = (g: QuestionGroup) => g.recording?.startedAt ?? g.questions[0].askedAt;
  return [...groups.values()]
    .map((g) => ({ ...g, questions: g.questions.sort((a, b) => a.mediaTimeMs - b.mediaTimeMs) }))
    .sort((a, b) => started(b).localeCompare(started(a)));
}

/** The calendar day (YYYY-MM-DD) of an instant in China. */
export function dayKey(instant: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
  return parts;
}

export interface LessonDay { day: string; lessons: Lesson[] }

/** The week's lessons by day (China time), days and lessons in time order. */
export function byDay(lessons: readonly Lesson[]): LessonDay[] {
  const days = new Map<string, Lesson[]>();
  for (const l of [...lessons].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const key = dayKey(l.startsAt);
    days.set(key, [...(days.get(key) ?? []), l]);
  }
  return [...days.entries()].map(([day, ls]) => ({ day, lessons: ls }));
}
