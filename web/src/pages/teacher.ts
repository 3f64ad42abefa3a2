// The lead teacher's page. Without ?lesson: "my lessons" — this week's lessons (the server's
// week) with their paired rooms and a way into the studio. With ?lesson=ID: the live console.
import { api, describe, hasRole, requireSignIn, userBar } from "../shared/api.js";
import { applyTexts, currentLocale, fill, languageLinks, registerTexts, t } from "../shared/i18n.js";
import { runConsole } from "./teacher-console.js";

registerTexts("zh-CN", {
  "teacher.myLessons": "本周课程",
  "teacher.noLessons": "本周没有您主讲的课程。",
  "teacher.notTeacher": "此账号没有主讲教师角色。",
  "teacher.openStudio": "进入直播间",
  "teacher.openStudioLabel": "进入直播间：{lesson}",
  "teacher.openConsole": "课堂控制台",
  "teacher.openConsoleLabel": "课堂控制台：{lesson}",
  "teacher.now": "正在进行",
  "teacher.next": "下一节",
  "teacher.ended": "已结束",
  "teacher.studioName": "录播室：{name}",
  "teacher.roomsCount": "{count} 个听课教室",
  "teacher.grade": "{grade}年级",
  "teacher.replay": "回放",
  "teacher.replayLabel": "回放与提问：{lesson}",
});
registerTexts("en", {
  "teacher.myLessons": "This week's lessons",
  "teacher.noLessons": "You teach no lessons this week.",
  "teacher.notTeacher": "This account has no lead-teacher role.",
  "teacher.openStudio": "Open studio",
  "teacher.openStudioLabel": "Open studio: {lesson}",
  "teacher.openConsole": "Lesson console",
  "teacher.openConsoleLabel": "Lesson console: {lesson}",
  "teacher.now": "Now",
  "teacher.next": "Next",
  "teacher.ended": "Ended",
  "teacher.studioName": "Studio: {name}",
  "teacher.roomsCount": "{count} rooms",
  "teacher.grade": "grade {grade}",
  "teacher.replay": "Replay",
  "teacher.replayLabel": "Replay and questions: {lesson}",
});

interface MyRoom { classroomId: number; classroomName: string; schoolId?: number; schoolName: string }
interface MyLesson { lessonId: string; subject: string; grade: number; startsAt: string; endsAt: string; studioName: string; rooms: MyRoom[] }

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const locale = currentLocale();
const zone = { timeZone: "Asia/Shanghai" } as const;
const day = (iso: string) => new Date(iso).toLocaleDateString(locale, { ...zone, weekday: "short", month: "numeric", day: "numeric" });
const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { ...zone, hour: "2-digit", minute: "2-digit" });

function link(href: string, text: string, label: string, testid: string, primary = false): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  a.setAttribute("aria-label", label);
  a.className = primary ? "button primary" : "button";
  a.dataset.testid = testid;
  return a;
}

/** The newest recording of each lesson the teacher may watch (a lesson has a replay link when it has one). */
async function recordingsByLesson(): Promise<Map<string, string>> {
  const byLesson = new Map<string, string>();
  try {
    const list = await api<{ id: string; lessonId: string; startedAt: string }[]>("/api/recordings");
    for (const r of [...list].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) byLesson.set(r.lessonId, r.id);
  } catch {
    // Without the hub role (or recordings) the week is still shown, without replay links.
  }
  return byLesson;
}

function render(lessons: MyLesson[], recordings: Map<string, string> = new Map()): void {
  const list = $("lessons");
  list.replaceChildren();
  if (lessons.length === 0) {
    const li = document.createElement("li");
    li.textContent = t("teacher.noLessons");
    list.append(li);
    return;
  }
  $("week").textContent = `${day(lessons[0].startsAt)} – ${day(lessons[lessons.length - 1].startsAt)}`;
  const now = Date.now();
  // The lesson on now, else the next to start: the one the teacher most likely wants.
  const focus = lessons.find((l) => Date.parse(l.endsAt) >= now);
  for (const lesson of lessons) {
    const li = document.createElement("li");
    li.className = "lesson";
    li.dataset.testid = "lesson";
    li.dataset.lesson = lesson.lessonId;
    const title = `${lesson.subject} · ${fill(t("teacher.grade"), { grade: lesson.grade })}`;
    const head = document.createElement("h3");
    head.textContent = `${day(lesson.startsAt)} ${time(lesson.startsAt)}–${time(lesson.endsAt)} ${title}`;
    const ended = Date.parse(lesson.endsAt) < now;
    if (lesson === focus || ended) {
      const badge = document.createElement("span");
      badge.className = ended ? "badge muted" : "badge";
      badge.textContent = t(ended ? "teacher.ended" : Date.parse(lesson.startsAt) <= now ? "teacher.now" : "teacher.next");
      head.append(" ", badge);
    }
    const meta = document.createElement("p");
    meta.textContent = `${fill(t("teacher.studioName"), { name: lesson.studioName })} · ${fill(t("teacher.roomsCount"), { count: lesson.rooms.length })}`;
    const rooms = document.createElement("ul");
    rooms.className = "rooms";
    for (const room of lesson.rooms) {
      const r = document.createElement("li");
      r.textContent = `${room.schoolName} ${room.classroomName}`;
      rooms.append(r);
    }
    const actions = document.createElement("p");
    const q = "?lesson=" + encodeURIComponent(lesson.lessonId);
    // Every lesson of the week can be opened (to try the camera early, or when this PC's clock is
    // off); the server decides whether a join token is issued. The focused one is the primary action.
    actions.append(
      link("/studio.html" + q, t("teacher.openStudio"), fill(t("teacher.openStudioLabel"), { lesson: head.textContent }), "open-studio", lesson === focus), " ",
      link("/teacher.html" + q, t("teacher.openConsole"), fill(t("teacher.openConsoleLabel"), { lesson: head.textContent }), "open-console"));
    const recording = recordings.get(lesson.lessonId);
    if (recording) {
      actions.append(" ", link("/vue/replay.html?recording=" + encodeURIComponent(recording), t("teacher.replay"),
        fill(t("teacher.replayLabel"), { lesson: head.textContent }), "open-replay"));
    }
    li.append(head, meta, rooms, actions);
    list.append(li);
  }
}

async function main(): Promise<void> {
  applyTexts();
  languageLinks();
  const me = await requireSignIn();
  userBar(me);
  const lesson = new URLSearchParams(location.search).get("lesson");
  if (lesson) {
    $("console").hidden = false;
    $("lesson-title").textContent = lesson;
    await runConsole(lesson);
    return;
  }
  $("my-lessons").hidden = false;
  if (!hasRole(me, "teacher")) {
    $("error").textContent = t("teacher.notTeacher");
    return;
  }
  // No dates: the server's own week (its clock is the one that counts, not this PC's).
  const [lessons, recordings] = await Promise.all([api<MyLesson[]>("/api/me/lessons"), recordingsByLesson()]);
  render(lessons, recordings);
}

main().catch((e: unknown) => { $("error").textContent = `${t("common.error")}: ${describe(e)}`; });
