// The kiosk's lesson hub (docs/hub.md): the shared LessonHubClient with its IndexedDB outbox, so
// check-ins, absentees, questions, hands and quiz answers typed here survive a drop or a reload
// and are sent when the hub is back. Quiz drafts are kept per quiz across state refreshes
// (core/kiosk-quiz.ts): counts being typed are never wiped by another room's question.
import { computed, onBeforeUnmount, reactive, ref, shallowRef } from "vue";
import "../core/kiosk-signalr";
import { LessonHubClient, mediaStart, mediaTimeMs, type ConnectionStatus, type HubErrorCode } from "../../../src/shared/hub-client";
import { newId } from "../../../src/shared/outbox";
import { cleanCounts, currentQuiz, mergeQuizDrafts, type KioskQuiz, type QuizDrafts } from "../core/kiosk-quiz";

export interface KioskQuestion { id: string; classroomId: number; text: string; status: string; upvotes: number }
interface RoomView { classroomId: number; present: number | null; expected: number; absentees: string[] }
interface LessonState {
  questions: KioskQuestion[];
  quizzes: KioskQuiz[];
  rooms: RoomView[];
  stage: { onStage: number[]; queue: { classroomId: number; state: string }[] };
  myVotes: string[];
}
export interface StageGrant { lessonId: string; classroomId: number; publishToken: string; expiresAt: string }

export function useKioskHub(lessonId: string, classroomId: number, joinToken: () => Promise<string>) {
  const status = ref<ConnectionStatus>("connecting");
  const pending = ref(0);
  const questions = ref<KioskQuestion[]>([]);
  const quizzes = ref<KioskQuiz[]>([]);
  const drafts = reactive<{ value: QuizDrafts }>({ value: {} });
  const myRoom = ref<RoomView | null>(null);
  const myVotes = ref<Set<string>>(new Set());
  const handRaised = ref(false);
  const stageGrant = shallowRef<StageGrant | null>(null);
  const rejected = ref<{ method: string; code: HubErrorCode } | null>(null);
  const checkedIn = ref<{ present: number; absent: number } | null>(null);
  /** performance.now() when the hub first reported "connected" (the reload-rejoin figure). */
  const connectedAt = ref<number | null>(null);
  let client: LessonHubClient | null = null;
  mediaStart(lessonId); // from the first join until the hub tells the recording's start
  const media = () => mediaTimeMs(mediaStart(lessonId));

  const quiz = computed(() => currentQuiz(quizzes.value));

  function applyState(s: LessonState): void {
    questions.value = s.questions;
    quizzes.value = s.quizzes;
    // Drafts of still-open quizzes stay the same objects: typed counts are not wiped.
    drafts.value = mergeQuizDrafts(drafts.value, s.quizzes);
    myRoom.value = s.rooms.find((r) => r.classroomId === classroomId) ?? null;
    myVotes.value = new Set(s.myVotes ?? []);
    handRaised.value = (s.stage?.queue ?? []).some((h) => h.classroomId === classroomId);
  }

  async function connect(): Promise<void> {
    client = await LessonHubClient.create({
      joinToken,
      outboxName: `${lessonId}-room-${classroomId}`,
      onStatus: (s) => {
        status.value = s;
        if (s === "connected" && connectedAt.value === null) connectedAt.value = performance.now();
      },
      onPending: (n) => { pending.value = n; },
      onState: (s) => applyState(s as LessonState),
      onRejected: (method, _payload, code) => { rejected.value = { method, code }; },
    });
    const refresh = () => void client?.refresh();
    for (const event of ["QuizOpened", "QuizClosed", "QuestionAsked", "QuestionUpdated", "StageChanged"]) client.on(event, refresh);
    client.on("StageGranted", (grant: StageGrant) => { if (grant.classroomId === classroomId) stageGrant.value = grant; });
    client.on("StageRevoked", (room: number) => { if (room === classroomId) stageGrant.value = null; refresh(); });
    (window as unknown as { kioskHub: LessonHubClient }).kioskHub = client;
  }

  const send = (method: string, payload: Record<string, unknown>) => client?.send(method, { id: newId(), lessonId, classroomId, ...payload }) ?? Promise.resolve();

  /** The headcount, then one record per absent student (the hub keeps each with its own id). */
  async function checkIn(present: number, absentees: readonly string[]): Promise<void> {
    await send("CheckIn", { present, mediaTimeMs: media() });
    for (const name of absentees) await send("MarkAbsent", { studentName: name, absent: true, mediaTimeMs: media() });
    checkedIn.value = { present, absent: absentees.length };
  }

  async function raiseHand(): Promise<void> {
    await send("RaiseHand", { mediaTimeMs: media() });
    handRaised.value = true;
  }

  const ask = (text: string) => send("AskQuestion", { text, mediaTimeMs: media() });
  const upvote = (questionId: string) => send("UpvoteQuestion", { questionId });

  async function answerQuiz(quizId: string): Promise<void> {
    const draft = drafts.value[quizId];
    if (!draft) return;
    await send("AnswerQuiz", { quizId, counts: cleanCounts(draft.counts), studentAnswers: null, mediaTimeMs: media() });
    draft.sent = true;
  }

  onBeforeUnmount(() => { void client?.connection.stop(); });

  return { status, pending, questions, quizzes, quiz, drafts, myRoom, myVotes, handRaised, stageGrant, rejected, checkedIn, connectedAt, connect, checkIn, raiseHand, ask, upvote, answerQuiz };
}
