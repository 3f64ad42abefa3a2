// The imports view's logic (docs/admin-imports.md), free of Vue: the kinds, the calls (preview,
// import, templates under sign-in), and the preview table with each problem placed on its row
// and cell — what no row of the preview shows goes above the table.
import type { ImportIssueDto, ImportPreviewDto, ImportResultDto } from "../../../src/generated/api";
import { api, ApiError } from "../../../src/shared/api";
import { currentLocale } from "../../../src/shared/i18n";

/** The import kinds, in the order a county sets up an alliance (ImportService.RequiredColumns). */
export const importKinds = ["schools", "classrooms", "bell-schedules", "timetable", "demands", "rosters", "terms"] as const;
export type ImportKind = (typeof importKinds)[number];

function upload(file: Blob, name: string): FormData {
  const form = new FormData();
  form.append("file", file, name);
  return form;
}

/** Checks the file as the import would; stores nothing. A file with problems is still a preview (clean = false). */
export const previewImport = (allianceId: number, kind: ImportKind, file: Blob, name: string) =>
  api<ImportPreviewDto>(`/api/alliances/${allianceId}/import/${kind}/preview`, { method: "POST", body: upload(file, name) });

/** The import itself, all or nothing; a refused file throws an ApiError whose body has the "issues". */
export const runImport = (allianceId: number, kind: ImportKind, file: Blob, name: string) =>
  api<ImportResultDto>(`/api/alliances/${allianceId}/import/${kind}`, { method: "POST", body: upload(file, name) });

/** The problems of a refused import (400 with "issues"), or null for any other failure. */
export function refusedIssues(e: unknown): ImportIssueDto[] | null {
  if (!(e instanceof ApiError) || e.status !== 400) return null;
  const issues = (e.body as { issues?: ImportIssueDto[] } | null)?.issues;
  return Array.isArray(issues) ? issues : null;
}

/**
 * Downloads a template under sign-in, as the week view downloads its exports: fetched with the
 * session cookie and the page's language (which names the columns), a problem read as a problem,
 * the blob saved with the server's file name.
 */
export async function downloadTemplate(allianceId: number, kind: ImportKind, format: "csv" | "xlsx"): Promise<string> {
  const response = await fetch(`/api/alliances/${allianceId}/import/${kind}/template.${format}`, {
    credentials: "same-origin", headers: { "Accept-Language": currentLocale() === "en" ? "en" : "zh-CN" },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; code?: string };
    throw new ApiError(response.status, problem.code ?? String(response.status), problem.title ?? "", problem.detail ?? response.statusText, problem);
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `import-${kind}-template.${format}`;
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

export interface PreviewCell { text: string; errors: string[] }
export interface PreviewRow { row: number; cells: PreviewCell[]; errors: string[]; ok: boolean }
export interface PreviewTable {
  headers: string[];
  rows: PreviewRow[];
  /** Problems of the whole file (no row), then those of rows the preview does not show, with their row number. */
  above: { row: number | null; message: string }[];
}

/**
 * Places each problem on its row and, when the file has that column, its cell (the issue names
 * the header the file wrote). A row's messages list every problem of the row, each cell's only its own.
 */
export function previewTable(preview: Pick<ImportPreviewDto, "headers" | "sample" | "issues">): PreviewTable {
  const width = Math.max(preview.headers.length, ...preview.sample.map((r) => r.cells.length), 0);
  const headers = Array.from({ length: width }, (_, i) => preview.headers[i] ?? "");
  const rows: PreviewRow[] = preview.sample.map((r) => ({
    row: r.row, cells: Array.from({ length: width }, (_, i) => ({ text: r.cells[i] ?? "", errors: [] })), errors: [], ok: true,
  }));
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const above: PreviewTable["above"] = [];
  for (const issue of preview.issues) {
    const target = issue.row == null ? undefined : byRow.get(issue.row);
    if (!target) { above.push({ row: issue.row ?? null, message: issue.message }); continue; }
    target.ok = false;
    target.errors.push(issue.message);
    const column = issue.header == null ? -1 : headers.indexOf(issue.header);
    if (column >= 0) target.cells[column].errors.push(issue.message);
  }
  return { headers, rows, above };
}
