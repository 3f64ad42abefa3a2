// The scheduler API as the admin console reads it (src/Scheduler/.../Api, docs/scheduler.md).
// Hand-written like replay-api.ts (docs/pages.md "Open": not yet generated from OpenAPI).
import { api, ApiError } from "../../../src/shared/api";
import { currentLocale } from "../../../src/shared/i18n";

export interface Alliance { id: number; name: string; timeZone: string; schools: number }
export interface School { id: number; allianceId: number; name: string; code: string; isLead: boolean; linkMbps: number; stageRecordingConsent: boolean }
export interface Classroom { id: number; schoolId: number; grade: number; className: string; seats: number; rosterSize: number; grades: number[] }
export interface Teacher { id: number; schoolId: number; name: string }
export interface Term { id: number; allianceId: number | null; name: string; firstDay: string; lastDay: string }

export interface Pairing {
  lessonId: string; leadLessonId: number; subject: string; grade: number; date: string; startsAt: string; endsAt: string;
  teacherId: number; teacherName: string; classroomId: number; classroomName: string; schoolId: number; schoolName: string; demandId: number;
}
export interface Uncovered { demandId: number; classroomId: number; classroomName: string; schoolId: number; schoolName: string; subject: string; missing: number; reason: string; reasonText: string; detail: string; detailZh?: string | null }

/** The solver's sentence on an unmet demand in the page's language: Chinese when the server has it (runs stored before it did have only English). */
export const detailOf = (u: Uncovered, locale: string): string => (locale.startsWith("zh") && u.detailZh ? u.detailZh : u.detail);
export interface PairingStats { demanded: number; covered: number; upperBound: number; coverageOfBound: number; kept: number; moved: number; added: number; droppedNotOccurring: number; elapsedMs: number; solverStatus: string }
export interface Week { solveRunId: number; allianceId: number; from: string; to: string; pairings: Pairing[]; uncovered: Uncovered[]; stats: PairingStats; warnings: string[] }
export interface SolveJob { id: number; allianceId: number; from: string; to: string; state: "queued" | "running" | "succeeded" | "failed"; progress: number; error?: { code: string; detail: string } | null; result?: Week | null }

/** GET of a week's stored pairings: the week, or "not solved" with the solve job that is computing it (if any). */
export type WeekAnswer = { week: Week } | { notSolved: true; solveJob: string | null };

export async function weekPairings(allianceId: number, from: string, to: string): Promise<WeekAnswer> {
  try {
    return { week: await api<Week>(`/api/alliances/${allianceId}/pairings?from=${from}&to=${to}`) };
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== "not_solved") throw e;
    return { notSolved: true, solveJob: (e.body as { solveJob?: string | null } | null)?.solveJob ?? null };
  }
}

/**
 * The week the server calls current for the alliance (its zone's Monday), without solving anything —
 * solved or not: "not solved" names the week too, so a new alliance opens on the server's week, not the PC's.
 */
export async function currentWeekStart(allianceId: number): Promise<string | null> {
  try {
    return (await api<Week>(`/api/alliances/${allianceId}/pairings/current-week`)).from;
  } catch (e) {
    if (e instanceof ApiError && e.code === "not_solved") return (e.body as { from?: string } | null)?.from ?? null;
    throw e;
  }
}

export const startSolve = (allianceId: number, from: string, to: string) =>
  api<SolveJob>(`/api/alliances/${allianceId}/solve`, { method: "POST", json: { from, to } });
export const solveJob = (location: string) => api<SolveJob>(location);

export type ExportKind = "csv" | "xlsx" | "ics";

/**
 * Downloads an export under sign-in: the export endpoints authorize by the session cookie (an
 * AccessRule like every scheduler read), which a plain link would also send — but a plain link
 * shows the server's problem page when the session has ended or the week is not solved, so the
 * console fetches the file, reads a problem as a problem, and saves the blob.
 */
export async function downloadExport(allianceId: number, kind: ExportKind, from: string, to: string): Promise<string> {
  const response = await fetch(`/api/alliances/${allianceId}/pairings.${kind}?from=${from}&to=${to}`, {
    credentials: "same-origin", headers: { "Accept-Language": currentLocale() === "en" ? "en" : "zh-CN" },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; code?: string };
    throw new ApiError(response.status, problem.code ?? String(response.status), problem.title ?? "", problem.detail ?? response.statusText, problem);
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `pairings-${allianceId}-${from}.${kind}`;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return a.download;
}
