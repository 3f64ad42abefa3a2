// The alliance admin's page: this week's pairings, the demand left unmet and why, re-run the
// solver, exports, spreadsheet imports, classroom devices, and (district admins, auditors) the
// audit log. Needs a signed-in person: the session cookie plus the antiforgery header (api.ts).
import { api, ApiError, describe, hasRole, requireSignIn, userBar } from "../shared/api.js";
import { applyTexts, currentLocale, fill, languageLinks, registerTexts, t } from "../shared/i18n.js";
import { setUpAudit } from "./admin-audit.js";
import { setUpDevices } from "./admin-devices.js";

registerTexts("zh-CN", {
  "admin.col.date": "日期", "admin.col.time": "时间", "admin.col.subject": "学科", "admin.col.teacher": "主讲教师",
  "admin.col.school": "学校", "admin.col.class": "班级", "admin.col.missing": "缺课", "admin.col.reason": "原因",
  "admin.import": "导入表格", "admin.importButton": "导入", "admin.kind.schools": "学校", "admin.kind.classrooms": "班级",
  "admin.kind.bells": "作息时间", "admin.kind.timetable": "主讲课表", "admin.kind.demands": "班级需求", "admin.kind.rosters": "学生名单",
  "admin.stats": "已覆盖 {covered} / 需求 {demanded} 节（上界 {bound}），保留 {kept}，调整 {moved}，新增 {added}，因停课取消 {dropped}",
  "admin.solving": "正在排课（{percent}%）…", "admin.notSolved": "本周还没有排课结果，请点击“重新排课”。", "admin.solveFailed": "排课失败：{detail}",
  "admin.week": "{from} 至 {to}", "admin.imported": "已导入 {rows} 行：新增 {created}，更新 {updated}", "admin.noAlliance": "还没有联盟",
  "admin.chooseFile": "请先选择文件",
  "admin.importKind": "表格类型", "admin.importFile": "文件",
});
registerTexts("en", {
  "admin.col.date": "Date", "admin.col.time": "Time", "admin.col.subject": "Subject", "admin.col.teacher": "Teacher",
  "admin.col.school": "School", "admin.col.class": "Class", "admin.col.missing": "Missing", "admin.col.reason": "Reason",
  "admin.import": "Import a spreadsheet", "admin.importButton": "Import", "admin.kind.schools": "Schools", "admin.kind.classrooms": "Classrooms",
  "admin.kind.bells": "Bell schedules", "admin.kind.timetable": "Lead timetable", "admin.kind.demands": "Class demand", "admin.kind.rosters": "Rosters",
  "admin.stats": "Covered {covered} of {demanded} lessons (bound {bound}), kept {kept}, moved {moved}, added {added}, dropped as not taking place {dropped}",
  "admin.solving": "Pairing… ({percent}%)", "admin.notSolved": "No pairing for this week yet: press Re-run pairing.", "admin.solveFailed": "Pairing failed: {detail}",
  "admin.week": "{from} to {to}", "admin.imported": "Imported {rows} rows: {created} new, {updated} updated", "admin.noAlliance": "No alliance yet",
  "admin.chooseFile": "Choose a file first",
  "admin.importKind": "Kind of sheet", "admin.importFile": "File",
});

interface Pairing { lessonId: string; subject: string; grade: number; date: string; startsAt: string; endsAt: string; teacherName: string; schoolName: string; classroomName: string; }
interface Uncovered { schoolName: string; classroomName: string; subject: string; missing: number; reason: string; reasonText: string; detail: string; }
interface Stats { demanded: number; covered: number; upperBound: number; kept: number; moved: number; added: number; droppedNotOccurring: number; }
interface Week { from: string; to: string; pairings: Pairing[]; uncovered: Uncovered[]; stats: Stats; }
/** A queued solve (POST …/solve answers 202 with it); polled until it succeeded or failed. */
interface SolveJob { id: number; state: "queued" | "running" | "succeeded" | "failed"; progress: number; error?: { code: string; detail: string } | null; result?: Week | null; }
const time = (iso: string) => new Date(iso).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });

function cell(row: HTMLTableRowElement, text: string, title?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (title) td.title = title;
}

function render(week: Week): void {
  document.getElementById("week")!.textContent = fill(t("admin.week"), { from: week.from, to: week.to });
  const s = week.stats;
  document.getElementById("stats")!.textContent = fill(t("admin.stats"),
    { covered: s.covered, demanded: s.demanded, bound: s.upperBound, kept: s.kept, moved: s.moved, added: s.added, dropped: s.droppedNotOccurring });
  const pairings = document.querySelector<HTMLTableSectionElement>("#pairings tbody")!;
  pairings.replaceChildren();
  for (const p of week.pairings) {
    const row = pairings.insertRow();
    row.dataset.lesson = p.lessonId;
    cell(row, p.date); cell(row, `${time(p.startsAt)}–${time(p.endsAt)}`); cell(row, `${p.subject}（${p.grade}）`);
    cell(row, p.teacherName); cell(row, p.schoolName); cell(row, p.classroomName);
  }
  const uncovered = document.querySelector<HTMLTableSectionElement>("#uncovered tbody")!;
  uncovered.replaceChildren();
  for (const u of week.uncovered) {
    const row = uncovered.insertRow();
    cell(row, u.schoolName); cell(row, u.classroomName); cell(row, u.subject); cell(row, String(u.missing));
    cell(row, currentLocale() === "en" ? u.reason : u.reasonText, u.detail);
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls a solve job, showing its progress, until it ends; its result, or an error naming why it failed. */
async function finished(location: string): Promise<Week> {
  for (;;) {
    const job = await api<SolveJob>(location);
    if (job.state === "succeeded" && job.result) return job.result;
    if (job.state === "failed") throw new Error(fill(t("admin.solveFailed"), { detail: job.error?.detail ?? job.error?.code ?? "" }));
    document.getElementById("stats")!.textContent = fill(t("admin.solving"), { percent: Math.round(job.progress * 100) });
    await pause(500);
  }
}

/** This week's stored pairings; GET never solves, so while the week's solve is queued the page follows that job. */
async function currentWeek(allianceId: number): Promise<Week | null> {
  try {
    return await api<Week>(`/api/alliances/${allianceId}/pairings/current-week`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== "not_solved") throw e;
    const job = (e.body as { solveJob?: string | null } | null)?.solveJob;
    return job ? finished(job) : null;
  }
}

function showError(e: unknown): void {
  document.getElementById("error")!.textContent = `${t("common.error")}: ${describe(e)}`;
}

async function main(): Promise<void> {
  applyTexts();
  languageLinks();
  const me = await requireSignIn();
  userBar(me);
  if (hasRole(me, "district-admin", "auditor")) setUpAudit();
  const alliances = await api<{ id: number; name: string }[]>("/api/alliances");
  const alliance = alliances[0];
  if (!alliance) { document.getElementById("alliance-name")!.textContent = t("admin.noAlliance"); return; }
  document.getElementById("alliance-name")!.textContent = alliance.name;
  let week: Week | null = null;
  const show = (w: Week) => {
    week = w;
    render(w);
    const exportLink = (ext: string) => `/api/alliances/${alliance.id}/pairings.${ext}?from=${w.from}&to=${w.to}`;
    (document.getElementById("export-csv") as HTMLAnchorElement).href = exportLink("csv");
    (document.getElementById("export-xlsx") as HTMLAnchorElement).href = exportLink("xlsx");
  };
  void setUpDevices(alliance.id).catch(showError);

  // Re-solving queues a job (202) and polls it; the button stays off while it runs.
  const button = document.getElementById("solve") as HTMLButtonElement;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const range = week ? { from: week.from, to: week.to } : {};
      const job = await api<SolveJob>(`/api/alliances/${alliance.id}/solve`, { method: "POST", json: range });
      show(await finished(`/api/alliances/${alliance.id}/solve/${job.id}`));
    } catch (e) { showError(e); } finally { button.disabled = false; }
  });

  const first = await currentWeek(alliance.id);
  if (first) show(first);
  else document.getElementById("stats")!.textContent = t("admin.notSolved");

  document.getElementById("import")!.addEventListener("click", async () => {
    const file = (document.getElementById("import-file") as HTMLInputElement).files?.[0];
    const out = document.getElementById("import-result")!;
    if (!file) { out.textContent = t("admin.chooseFile"); return; }
    const form = new FormData();
    form.append("file", file);
    const kind = (document.getElementById("import-kind") as HTMLSelectElement).value;
    try {
      const result = await api<{ rows: number; created: number; updated: number }>(`/api/alliances/${alliance.id}/import/${kind}`, { method: "POST", body: form });
      out.textContent = fill(t("admin.imported"), result);
    } catch (e) { out.textContent = describe(e); }
  });
}

main().catch(showError);
