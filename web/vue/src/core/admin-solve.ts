// The district-wide solve run from the console, and the list of pairings a solve run added and
// removed (docs/admin-solve.md). Framework-free: the views in admin/DistrictSolveView.vue and
// admin/SolveChangesPanel.vue call these; Vitest in admin-solve.test.ts.
import { api } from "../../../src/shared/api";
import type { DistrictAllianceRun, DistrictSolveJobView, PairingChangeView, SolveChangesView } from "../../../src/generated/api";
import { addDays, clock } from "./week-grid";

export type { DistrictAllianceRun, DistrictSolveJobView, PairingChangeView, SolveChangesView };

/** The server solves at most this many days at a time (PairingEndpoints.MaxRangeDays): four weeks fit. */
export const MAX_RANGE_DAYS = 31;
export const MAX_WEEKS = Math.floor(MAX_RANGE_DAYS / 7);

/** The range of <paramref>weeks</paramref> whole weeks from a Monday (1 … MAX_WEEKS). */
export function solveRange(monday: string, weeks: number): { from: string; to: string } {
  const n = Math.min(MAX_WEEKS, Math.max(1, Math.trunc(weeks) || 1));
  return { from: monday, to: addDays(monday, n * 7 - 1) };
}

export const startDistrictSolve = (from: string, to: string) =>
  api<DistrictSolveJobView>("/api/district/solve", { method: "POST", json: { from, to } });
export const districtSolveJob = (id: number) => api<DistrictSolveJobView>(`/api/district/solve/${id}`);

/** The job's state for one alliance: the county is one problem, so every alliance waits, solves and finishes together. */
export type AllianceSolveState = "queued" | "running" | "done" | "noRun" | "failed";

export interface AllianceSolveRow {
  allianceId: number;
  name: string;
  state: AllianceSolveState;
  run: DistrictAllianceRun | null;
}

/**
 * One row per alliance of the console's list (and any alliance the job names that the list lacks):
 * its share of the job. A finished job without a run for an alliance means it had nothing to solve.
 */
export function allianceRows(job: DistrictSolveJobView | null, alliances: readonly { id: number; name: string }[]): AllianceSolveRow[] {
  const runs = new Map((job?.alliances ?? []).map((r) => [r.allianceId, r]));
  const names = new Map(alliances.map((a) => [a.id, a.name]));
  for (const r of job?.alliances ?? []) if (!names.has(r.allianceId)) names.set(r.allianceId, r.allianceName);
  return [...names].sort((a, b) => a[0] - b[0]).map(([allianceId, name]) => {
    const run = runs.get(allianceId) ?? null;
    const state: AllianceSolveState = !job ? "queued"
      : job.state === "succeeded" ? (run ? "done" : "noRun")
      : job.state === "failed" ? "failed" : job.state === "running" ? "running" : "queued";
    return { allianceId, name: runs.get(allianceId)?.allianceName ?? name, state, run };
  });
}

/** The Monday of the run's range, for the link to the alliance's week view. */
export const weekHash = (from: string) => `#week?from=${from}`;

/** Follows a district job until it ends, calling <paramref>seen</paramref> with each state; bounded by the caller's cancel. */
export async function followDistrictJob(id: number, seen: (job: DistrictSolveJobView) => void, everyMs = 500, cancelled: () => boolean = () => false): Promise<DistrictSolveJobView> {
  for (;;) {
    const job = await districtSolveJob(id);
    seen(job);
    if (job.state === "succeeded" || job.state === "failed" || cancelled()) return job;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const solveChanges = (allianceId: number, runId: number, offset = 0, limit = 200) =>
  api<SolveChangesView>(`/api/alliances/${allianceId}/solve-runs/${runId}/changes?offset=${offset}&limit=${limit}`);

/** A change's lesson as one line: subject, grade, teacher and lead school, whatever is known. */
export function lessonLine(c: PairingChangeView, gradeOf: (n: number) => string, sep: string): string {
  return [c.subject ?? `#${c.leadLessonId}`, c.grade != null ? gradeOf(c.grade) : null, c.teacherName, c.leadSchoolName].filter(Boolean).join(sep);
}

/** The period as the alliance's clock shows it: "10:00–10:40". */
export const periodOf = (c: PairingChangeView, timeZone: string) => `${clock(c.startsAt, timeZone)}–${clock(c.endsAt, timeZone)}`;

/** The keys (lesson occurrence, room) of the added pairings: the week grid marks them as new. */
export const addedKeys = (changes: SolveChangesView | null): Set<string> =>
  new Set((changes?.items ?? []).filter((c) => c.kind === "added").map((c) => `${c.lessonId}|${c.classroomId}`));

export interface ChangeCounts { added: number; removed: number; kept: number; listed: number; truncated: boolean }
export const countsOf = (v: SolveChangesView): ChangeCounts => ({ added: v.added, removed: v.removed, kept: v.kept, listed: v.listed, truncated: v.truncated });

/** Only the added, only the removed, or both. */
export type ChangeFilter = "all" | "added" | "removed";
export const filtered = (items: readonly PairingChangeView[], f: ChangeFilter) => (f === "all" ? [...items] : items.filter((c) => c.kind === f));
