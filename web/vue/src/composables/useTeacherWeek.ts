// The teacher's week's state (docs/teacher-week.md): the shown week (0 = this one, ±n weeks), its
// lessons, the recordings and the replay questions waiting for an answer. Recordings and questions
// are optional: without the hub role (or any recording) the week is still shown, without replays.
import { computed, ref } from "vue";
import type { RecordingSummary, ReplayQuestionView } from "../../../src/generated/api";
import { describe } from "../../../src/shared/api";
import { teacherApi } from "../core/teacher-api";
import { type Lesson, lessonsQuery, newestRecordingByLesson, openQuestionsByLesson, questionGroups, weekRange } from "../core/teacher-week";

export function useTeacherWeek(now: () => number = () => Date.now()) {
  const offset = ref(0);
  const lessons = ref<Lesson[] | null>(null);
  const recordings = ref<RecordingSummary[]>([]);
  const questions = ref<ReplayQuestionView[]>([]);
  const error = ref("");
  let loadNumber = 0;

  const range = computed(() => weekRange(now(), offset.value));
  const recordingOf = computed(() => newestRecordingByLesson(recordings.value));
  const openCounts = computed(() => openQuestionsByLesson(questions.value));
  const groups = computed(() => questionGroups(questions.value, recordings.value));

  async function loadWeek(): Promise<void> {
    const mine = ++loadNumber;
    lessons.value = null;
    error.value = "";
    try {
      const week = await teacherApi.lessons(lessonsQuery(now(), offset.value));
      if (mine === loadNumber) lessons.value = week;
    } catch (e) {
      if (mine === loadNumber) { lessons.value = []; error.value = describe(e); }
    }
  }

  async function loadReplays(): Promise<void> {
    const [r, q] = await Promise.allSettled([teacherApi.recordings(), teacherApi.openQuestions()]);
    recordings.value = r.status === "fulfilled" ? r.value : [];
    questions.value = q.status === "fulfilled" ? q.value : [];
  }

  async function go(weeks: number): Promise<void> {
    offset.value = weeks === 0 ? 0 : offset.value + weeks;
    await loadWeek();
  }

  /** Sends an answer; the question leaves the waiting list (its answer is shown on the replay page). */
  async function answer(q: ReplayQuestionView, text: string): Promise<ReplayQuestionView> {
    const answered = await teacherApi.answer(q.recordingId, q.id, text);
    questions.value = questions.value.filter((x) => x.id !== q.id);
    return answered;
  }

  return { offset, lessons, recordings, questions, error, range, recordingOf, openCounts, groups, loadWeek, loadReplays, go, answer };
}
