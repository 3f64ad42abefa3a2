// The member classroom's kiosk page (projector PC). Not enrolled yet: the pairing screen. Enrolled
// (HttpOnly device cookie): the room's name, the next lesson with a countdown, and at lesson time
// check-in, absentees, questions, hand, quiz answers. Every record goes through the outbox, so
// nothing typed here is lost to a drop or a reload.
import { ApiError, api, describe } from "../shared/api.js";
import { applyTexts, currentLocale, fill, languageLinks, registerTexts, t } from "../shared/i18n.js";
import { LessonHubClient, mediaStart, mediaTimeMs, type ConnectionStatus } from "../shared/hub-client.js";
import { newId } from "../shared/outbox.js";
import { publishWallCamera } from "./kiosk-camera.js";
import { hlsFallbackReason, startHlsFallback } from "./kiosk-hls.js";
import { adoptFromFragment, pairUntilEnrolled } from "./kiosk-pairing.js";

interface QuestionView { id: string; classroomId: number; text: string; status: string; upvotes: number }
interface QuizView { id: string; prompt: string; options: string[]; open: boolean }
interface LessonState { questions: QuestionView[]; quizzes: QuizView[] }

registerTexts("zh-CN", {
  "classroom.title": "课堂",
  "classroom.status.connecting": "正在连接…",
  "classroom.status.connected": "已连接",
  "classroom.status.reconnecting": "正在重连…",
  "classroom.status.offline": "离线，记录已保存在本机，恢复后自动发送",
  "classroom.pending": "待发送",
  "classroom.checkin": "签到",
  "classroom.present": "实到人数",
  "classroom.absentee": "缺勤学生姓名",
  "classroom.markAbsent": "标记缺勤",
  "classroom.question": "提问",
  "classroom.ask": "发送问题",
  "classroom.raiseHand": "举手上台",
  "classroom.quiz": "随堂测验",
  "classroom.answer": "提交答案",
  "classroom.questions": "问题",
  "classroom.onStage": "已上台：可以开始发言",
  "classroom.rejected": "未被接受",
  "classroom.status.waiting": "等待上课",
  "classroom.next": "下一节：{day} {time} {subject}（{teacher}）",
  "classroom.noLesson": "近期没有安排课程",
  "classroom.startsIn": "距开始还有 {time}",
  "classroom.now": "正在上课：{subject}（{teacher}）",
  "classroom.cameraShown": "本教室画面已发送给主讲教师",
});
registerTexts("en", {
  "classroom.title": "Classroom",
  "classroom.status.connecting": "Connecting…",
  "classroom.status.connected": "Connected",
  "classroom.status.reconnecting": "Reconnecting…",
  "classroom.status.offline": "Offline — records are kept on this PC and sent when back",
  "classroom.pending": "Waiting to send",
  "classroom.checkin": "Check in",
  "classroom.present": "Present",
  "classroom.absentee": "Absent student's name",
  "classroom.markAbsent": "Mark absent",
  "classroom.question": "Question",
  "classroom.ask": "Send question",
  "classroom.raiseHand": "Raise hand",
  "classroom.quiz": "Quiz",
  "classroom.answer": "Submit answer",
  "classroom.questions": "Questions",
  "classroom.onStage": "On stage: you may speak",
  "classroom.rejected": "Not accepted",
  "classroom.status.waiting": "Waiting for the lesson",
  "classroom.next": "Next: {day} {time} {subject} ({teacher})",
  "classroom.noLesson": "No lesson scheduled soon",
  "classroom.startsIn": "Starts in {time}",
  "classroom.now": "Now: {subject} ({teacher})",
  "classroom.cameraShown": "Your room's camera is shown to the lead teacher",
});

interface KioskLesson { lessonId: string; subject: string; grade: number; teacherName: string; startsAt: string; endsAt: string; token: string | null; tokenExpiresAt: string | null }
interface DeviceLesson { classroomId: number; className: string; schoolId: number; schoolName: string; now: string; current: KioskLesson | null; next: KioskLesson | null }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Until a lesson is on: the room, the clock and the next lesson with a countdown (server time). */
async function waitForLesson(): Promise<{ state: DeviceLesson; joinToken: () => Promise<string> }> {
  const locale = currentLocale();
  let offsetMs = 0;
  let next: KioskLesson | null = null;
  const tick = () => {
    const now = Date.now() + offsetMs;
    $("clock").textContent = new Date(now).toLocaleTimeString(locale, { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
    const left = next ? Date.parse(next.startsAt) - now : 0;
    $("countdown").textContent = next && left > 0 ? fill(t("classroom.startsIn"), { time: duration(left) }) : "";
  };
  const timer = setInterval(tick, 1000);
  for (;;) {
    try {
      const state = await api<DeviceLesson>("/api/device/lesson", { signInOn401: false });
      offsetMs = Date.parse(state.now) - Date.now();
      $("room-name").textContent = `${state.schoolName} ${state.className}`;
      document.title = `${state.className} · ${t("app.title")}`;
      next = state.next;
      $("next-lesson").textContent = next
        ? fill(t("classroom.next"), {
          day: new Date(next.startsAt).toLocaleDateString(locale, { timeZone: "Asia/Shanghai", weekday: "short", month: "numeric", day: "numeric" }),
          time: new Date(next.startsAt).toLocaleTimeString(locale, { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" }),
          subject: next.subject, teacher: next.teacherName })
        : t("classroom.noLesson");
      tick();
      $("log").textContent = "";
      if (state.current?.token) {
        clearInterval(timer);
        return { state, joinToken: deviceJoinToken(state.current) };
      }
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) throw e;
      $("log").textContent = describe(e);
    }
    // Poll more often close to the start, so the room joins within seconds of the early-join window.
    const untilNext = next ? Date.parse(next.startsAt) - (Date.now() + offsetMs) - 10 * 60_000 : Infinity;
    await new Promise((r) => setTimeout(r, untilNext < 120_000 ? 5_000 : 30_000));
  }
}

/** The current lesson's token from GET /api/device/lesson, asked again when it nears expiry. */
function deviceJoinToken(first: KioskLesson): () => Promise<string> {
  let current = first;
  return async () => {
    if (!current.token || !current.tokenExpiresAt || Date.parse(current.tokenExpiresAt) - Date.now() < 60_000) {
      const state = await api<DeviceLesson>("/api/device/lesson", { signInOn401: false });
      if (state.current?.lessonId === first.lessonId && state.current.token) current = state.current;
    }
    return current.token ?? "";
  };
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
}

/** Is this PC an enrolled classroom device? (401: no credential; 403: a person's session, not a device.) */
async function enrolled(): Promise<boolean> {
  try {
    await api("/api/device", { signInOn401: false });
    return true;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return false;
    throw e;
  }
}

async function main(): Promise<void> {
  applyTexts();
  languageLinks();
  const refused = await adoptFromFragment();
  for (;;) {
    let isDevice = false;
    try {
      isDevice = await enrolled();
    } catch (e) {
      // Offline at boot: keep trying; the kiosk recovers by itself.
      $("log").textContent = describe(e);
      await new Promise((r) => setTimeout(r, 5000));
      continue;
    }
    if (isDevice) break;
    $("kiosk").hidden = true;
    $("pairing").hidden = false;
    if (refused) $("pairing-status").textContent = refused;
    await pairUntilEnrolled({ code: $("pairing-code"), status: $("pairing-status") });
  }
  $("pairing").hidden = true;
  $("kiosk").hidden = false;
  $("status").textContent = t("classroom.status.waiting");
  const { state, joinToken } = await waitForLesson();
  const lessonId = state.current!.lessonId;
  const classroomId = state.classroomId;
  $("waiting").hidden = true;
  $("lesson").hidden = false;
  $("lesson-title").textContent = fill(t("classroom.now"), { subject: state.current!.subject, teacher: state.current!.teacherName });
  const start = mediaStart(lessonId);
  const media = () => mediaTimeMs(start);

  const client = await LessonHubClient.create({
    joinToken,
    outboxName: `${lessonId}-room-${classroomId}`,
    onStatus: (s: ConnectionStatus) => { const el = $("status"); el.textContent = t("classroom.status." + s); el.dataset.status = s; },
    onPending: (n) => { $("pending").textContent = String(n); },
    onState: (state) => render(state as LessonState),
    onRejected: (method, _payload, code) => { $("log").textContent = `${t("classroom.rejected")}: ${method} (${code})`; },
  });
  (window as unknown as { classroomClient: LessonHubClient }).classroomClient = client;
  publishWallCamera(lessonId, joinToken, $("camera-shown"));
  const hlsReason = hlsFallbackReason();
  if (hlsReason) startHlsFallback(lessonId, joinToken, $("live-hls"), hlsReason).catch((e: unknown) => { $("log").textContent = describe(e); });

  $("checkin").addEventListener("click", () =>
    void client.send("CheckIn", { id: newId(), lessonId, classroomId, present: Number($<HTMLInputElement>("present").value), mediaTimeMs: media() }));
  $("mark-absent").addEventListener("click", () => {
    const name = $<HTMLInputElement>("absentee");
    void client.send("MarkAbsent", { id: newId(), lessonId, classroomId, studentName: name.value, absent: true, mediaTimeMs: media() });
    name.value = "";
  });
  $("ask").addEventListener("click", () => {
    const text = $<HTMLTextAreaElement>("question");
    void client.send("AskQuestion", { id: newId(), lessonId, classroomId, text: text.value, mediaTimeMs: media() });
    text.value = "";
  });
  $("raise-hand").addEventListener("click", () => void client.send("RaiseHand", { id: newId(), lessonId, classroomId, mediaTimeMs: media() }));

  client.on("QuizOpened", () => void client.refresh());
  client.on("QuizClosed", () => void client.refresh());
  client.on("QuestionAsked", () => void client.refresh());
  client.on("QuestionUpdated", () => void client.refresh());
  client.on("StageGranted", (grant: { publishToken: string }) => {
    $("stage").textContent = t("classroom.onStage");
    $("stage").dataset.publishToken = grant.publishToken;
  });
  client.on("StageRevoked", () => { $("stage").textContent = ""; delete $("stage").dataset.publishToken; });

  function render(state: LessonState): void {
    const list = $("questions");
    list.replaceChildren(...state.questions.map((q) => {
      const li = document.createElement("li");
      li.textContent = `${q.text} (+${q.upvotes})`;
      if (q.classroomId !== classroomId) {
        const up = document.createElement("button");
        up.textContent = "+1";
        up.addEventListener("click", () => void client.send("UpvoteQuestion", { id: newId(), lessonId, classroomId, questionId: q.id }));
        li.append(" ", up);
      }
      return li;
    }));
    const open = state.quizzes.filter((q) => q.open).at(-1);
    const quiz = $("quiz");
    quiz.replaceChildren();
    if (!open) return;
    const title = document.createElement("p");
    title.textContent = open.prompt;
    const inputs = open.options.map((o) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "number"; input.min = "0"; input.value = "0";
      label.append(o + " ", input);
      quiz.append(label);
      return input;
    });
    const submit = document.createElement("button");
    submit.textContent = t("classroom.answer");
    submit.addEventListener("click", () => void client.send("AnswerQuiz", {
      id: newId(), lessonId, classroomId, quizId: open.id, counts: inputs.map((i) => Number(i.value)), studentAnswers: null, mediaTimeMs: media(),
    }));
    quiz.prepend(title);
    quiz.append(submit);
  }
}

main().catch((e: unknown) => {
  $("log").textContent = `${t("common.error")}: ${describe(e)}`;
  // A revoked device (its cookie now refused): start over at the pairing screen.
  if (e instanceof ApiError && e.status === 401) setTimeout(() => location.reload(), 5000);
});
