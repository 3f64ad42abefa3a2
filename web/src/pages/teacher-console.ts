// The lead teacher's console (teacher.html?lesson=ID): every paired room live, the question
// queue, the fair on-stage queue, quizzes with live results. Any broadcast just triggers a
// re-read of the lesson state: the store is the truth, the backplane only a nudge. The join token
// comes from POST /api/lessons/{id}/join with the teacher's session, never from the URL.
import { registerTexts, t } from "../shared/i18n.js";
import { LessonHubClient, mediaStart, mediaTimeMs } from "../shared/hub-client.js";
import { lessonJoinToken } from "../shared/join.js";
import { newId } from "../shared/outbox.js";

interface RoomView { classroomId: number; classroomName: string; schoolName: string; connected: boolean; sinceMs?: number; present?: number; expected: number; drops: number; absentees: string[] }
interface QuestionView { id: string; classroomId: number; text: string; status: string; upvotes: number; mediaTimeMs: number }
interface HandView { classroomId: number; schoolId: number }
interface QuizView { id: string; prompt: string; options: string[]; open: boolean }
interface QuizResultsView { quizId: string; totals: number[]; rooms: { classroomId: number; counts: number[] }[] }
interface LessonState { rooms: RoomView[]; questions: QuestionView[]; stage: { onStage: number[]; queue: HandView[] }; quizzes: QuizView[]; quizResults: QuizResultsView[] }

registerTexts("zh-CN", {
  "teacher.title": "主讲教师",
  "teacher.rooms": "听课教室",
  "teacher.questions": "问题队列",
  "teacher.stage": "上台队列",
  "teacher.quiz": "随堂测验",
  "teacher.push": "推送测验",
  "teacher.close": "结束测验",
  "teacher.answered": "已回答",
  "teacher.dismiss": "忽略",
  "teacher.bring": "请上台",
  "teacher.takeOff": "下台",
  "teacher.connected": "在线",
  "teacher.disconnected": "离线",
  "teacher.drops": "掉线",
  "teacher.total": "合计",
  "teacher.quizPrompt": "题目",
  "teacher.quizOptions": "选项（逗号分隔）",
  "teacher.back": "← 返回本周课程",
  "teacher.status.connecting": "正在连接…",
  "teacher.status.connected": "已连接",
  "teacher.status.reconnecting": "正在重连…",
  "teacher.status.offline": "离线",
});
registerTexts("en", {
  "teacher.title": "Lead teacher",
  "teacher.rooms": "Classrooms",
  "teacher.questions": "Questions",
  "teacher.stage": "On-stage queue",
  "teacher.quiz": "Quiz",
  "teacher.push": "Push quiz",
  "teacher.close": "Close quiz",
  "teacher.answered": "Answered",
  "teacher.dismiss": "Dismiss",
  "teacher.bring": "Bring on stage",
  "teacher.takeOff": "Take off stage",
  "teacher.connected": "online",
  "teacher.disconnected": "offline",
  "teacher.drops": "drops",
  "teacher.total": "Total",
  "teacher.quizPrompt": "Question",
  "teacher.quizOptions": "Options (comma-separated)",
  "teacher.back": "← Back to this week's lessons",
  "teacher.status.connecting": "Connecting…",
  "teacher.status.connected": "Connected",
  "teacher.status.reconnecting": "Reconnecting…",
  "teacher.status.offline": "Offline",
});

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function el(tag: string, text?: string, onClick?: () => void): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (onClick) e.addEventListener("click", onClick);
  return e;
}

export async function runConsole(lessonId: string): Promise<void> {
  const joinToken = lessonJoinToken(lessonId);
  await joinToken(); // refused (not this lesson's teacher) → the page shows the problem instead of a dead console
  const start = mediaStart(lessonId);
  let refreshQueued = false;
  const client: LessonHubClient = await LessonHubClient.create({
    joinToken,
    outboxName: `${lessonId}-teacher`,
    onStatus: (s) => { $("status").textContent = t("teacher.status." + s); $("status").dataset.status = s; },
    onState: (s) => render(s as LessonState),
  });
  const refreshSoon = () => {
    if (refreshQueued) return;
    refreshQueued = true;
    setTimeout(() => { refreshQueued = false; void client.refresh(); }, 300);
  };
  for (const e of ["QuestionAsked", "QuestionUpdated", "CheckedIn", "AbsenteeMarked", "StageChanged", "QuizOpened", "QuizClosed", "QuizAnswered", "PresenceChanged"])
    client.on(e, refreshSoon);

  $("push-quiz").addEventListener("click", () => {
    const prompt = ($("quiz-prompt") as HTMLInputElement).value;
    const options = ($("quiz-options") as HTMLInputElement).value.split(/[,，]/).map((o) => o.trim()).filter(Boolean);
    void client.send("OpenQuiz", { id: newId(), lessonId, prompt, options, mediaTimeMs: mediaTimeMs(start) });
  });

  function render(s: LessonState): void {
    $("rooms").replaceChildren(...s.rooms.map((r) => el("li",
      `${r.schoolName} ${r.classroomName} — ${r.connected ? t("teacher.connected") : t("teacher.disconnected")}` +
      `${r.sinceMs ? " " + new Date(r.sinceMs).toLocaleTimeString() : ""} · ${r.present ?? "?"}/${r.expected}` +
      ` · ${t("teacher.drops")} ${r.drops}${r.absentees.length ? " · " + r.absentees.join("、") : ""}`)));
    $("questions").replaceChildren(...s.questions.filter((q) => q.status === "open").sort((a, b) => b.upvotes - a.upvotes).map((q) => {
      const li = el("li", `${q.text} (+${q.upvotes}) `);
      li.append(
        el("button", t("teacher.answered"), () => void client.invoke("SetQuestionStatus", { lessonId, questionId: q.id, status: "answered" })),
        el("button", t("teacher.dismiss"), () => void client.invoke("SetQuestionStatus", { lessonId, questionId: q.id, status: "dismissed" })));
      return li;
    }));
    const name = (id: number) => s.rooms.find((r) => r.classroomId === id)?.classroomName ?? String(id);
    $("stage").replaceChildren(
      ...s.stage.onStage.map((id) => { const li = el("li", name(id) + " "); li.append(el("button", t("teacher.takeOff"), () => void client.invoke("TakeOffStage", { lessonId, classroomId: id }))); return li; }),
      ...s.stage.queue.map((h) => { const li = el("li", name(h.classroomId) + " "); li.append(el("button", t("teacher.bring"), () => void client.invoke("BringOnStage", { lessonId, classroomId: h.classroomId }))); return li; }));
    $("results").replaceChildren(...s.quizzes.map((q) => {
      const r = s.quizResults.find((x) => x.quizId === q.id);
      const li = el("li", `${q.prompt}: ${q.options.map((o, i) => `${o}=${r?.totals[i] ?? 0}`).join(" ")} (${r?.rooms.length ?? 0}) `);
      if (q.open) li.append(el("button", t("teacher.close"), () => void client.invoke("CloseQuiz", { lessonId, quizId: q.id })));
      return li;
    }));
  }
}

