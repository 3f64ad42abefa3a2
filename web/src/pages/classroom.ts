// The member classroom's page (projector PC): check-in, absentees, questions, hand, quiz answers.
// Every record goes through the outbox, so nothing typed here is lost to a drop or a reload.
import { applyTexts, registerTexts, t } from "../shared/i18n.js";
import { LessonHubClient, mediaStart, mediaTimeMs, pageToken, readToken, type ConnectionStatus } from "../shared/hub-client.js";
import { newId } from "../shared/outbox.js";

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
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function main(): Promise<void> {
  applyTexts();
  const token = await roomToken();
  const info = readToken(token);
  const lessonId = info.lesson;
  const classroomId = info.room ?? 0;
  const start = mediaStart(lessonId);
  const media = () => mediaTimeMs(start);

  const client = await LessonHubClient.create({
    token,
    outboxName: `${lessonId}-room-${classroomId}`,
    onStatus: (s: ConnectionStatus) => { const el = $("status"); el.textContent = t("classroom.status." + s); el.dataset.status = s; },
    onPending: (n) => { $("pending").textContent = String(n); },
    onState: (state) => render(state as LessonState),
    onRejected: (method, _payload, code) => { $("log").textContent = `${t("classroom.rejected")}: ${method} (${code})`; },
  });
  (window as unknown as { classroomClient: LessonHubClient }).classroomClient = client;

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

/**
 * The room's fixed kiosk link (/k/{key} → ?kiosk=key) asks the scheduler which lesson is on now
 * and gets that lesson's token; until a lesson starts, it shows the next one and asks again.
 */
async function roomToken(): Promise<string> {
  const kiosk = new URLSearchParams(location.search).get("kiosk");
  if (!kiosk) return pageToken();
  for (;;) {
    try {
      const response = await fetch("/api/kiosk/" + encodeURIComponent(kiosk));
      if (response.ok) {
        const state = (await response.json()) as { current?: { token?: string }; next?: { subject: string; startsAt: string } };
        if (state.current?.token) return state.current.token;
        $("log").textContent = state.next ? `${state.next.subject} ${new Date(state.next.startsAt).toLocaleString()}` : "";
      }
    } catch {
      // offline: try again
    }
    await new Promise((r) => setTimeout(r, 60000));
  }
}

void main();
