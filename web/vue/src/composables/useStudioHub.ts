// The lesson hub for the console (docs/studio.md "Interaction"): one LessonHubClient (the shared
// framework-free client with its outbox), the lesson state re-read after any broadcast (debounced),
// the teacher's actions, and the recording indicator.
import { onBeforeUnmount, ref, shallowRef } from "vue";
import { api, describe } from "../../../src/shared/api";
import { LessonHubClient, mediaStart, mediaTimeMs, type ConnectionStatus } from "../../../src/shared/hub-client";
import { newId } from "../../../src/shared/outbox";
import "../core/signalr-global";
import { EMPTY_STATE, STATE_EVENTS, recordingState, type HubLessonState } from "../core/studio-lesson";

const REFRESH_DEBOUNCE_MS = 300;
const RECORDING_POLL_MS = 5000;

export function useStudioHub(lesson: string, token: () => Promise<string>) {
  const state = shallowRef<HubLessonState>(EMPTY_STATE);
  const loaded = ref(false);
  const status = ref<ConnectionStatus>("connecting");
  const failure = ref("");
  const recording = ref<"recording" | "notRecording" | "unknown">("unknown");
  let client: LessonHubClient | null = null;
  let queued = false;
  const timers: number[] = [];

  async function connect(): Promise<void> {
    client = await LessonHubClient.create({
      joinToken: token,
      outboxName: `${lesson}-studio`,
      onStatus: (s) => { status.value = s; },
      onState: (s) => { state.value = s as HubLessonState; loaded.value = true; },
      onRejected: (method, _payload, code) => { failure.value = `${method}: ${code}`; },
    });
    const refreshSoon = () => {
      if (queued) return;
      queued = true;
      setTimeout(() => { queued = false; void client?.refresh(); }, REFRESH_DEBOUNCE_MS);
    };
    for (const e of STATE_EVENTS) client.on(e, refreshSoon);
  }

  /** Teacher actions go straight to the hub; a failure is shown, never retried unasked. */
  async function act(method: string, payload: Record<string, unknown>): Promise<void> {
    failure.value = "";
    try {
      await client?.invoke(method, { lessonId: lesson, ...payload });
      await client?.refresh();
    } catch (e) {
      failure.value = describe(e);
    }
  }

  const setQuestion = (questionId: string, status: "answered" | "dismissed") => act("SetQuestionStatus", { questionId, status });
  const bringOnStage = (classroomId: number) => act("BringOnStage", { classroomId });
  const takeOffStage = (classroomId: number) => act("TakeOffStage", { classroomId });
  const closeQuiz = (quizId: string) => act("CloseQuiz", { quizId });
  /** A quiz is a record: it goes through the outbox like a room's records. */
  async function pushQuiz(prompt: string, options: string[]): Promise<void> {
    await client?.send("OpenQuiz", { id: newId(), lessonId: lesson, prompt, options, mediaTimeMs: mediaTimeMs(mediaStart(lesson)) });
  }

  async function readRecording(): Promise<void> {
    try {
      recording.value = recordingState(await api<{ state: string }[]>(`/api/lessons/${encodeURIComponent(lesson)}/recordings`, { signInOn401: false }));
    } catch {
      recording.value = "unknown";
    }
  }

  function start(): void {
    void connect().catch((e) => { failure.value = describe(e); });
    void readRecording();
    timers.push(window.setInterval(() => void readRecording(), RECORDING_POLL_MS));
  }

  onBeforeUnmount(() => timers.forEach((t) => clearInterval(t)));
  return { state, loaded, status, failure, recording, start, setQuestion, bringOnStage, takeOffStage, closeQuiz, pushQuiz, readRecording };
}
