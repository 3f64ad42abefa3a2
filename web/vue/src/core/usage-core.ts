// Usage per school (docs/admin-reports.md "Usage per school"), framework-free: the report's URL,
// the page's search and paging, and the cells the table and its totals row show.
import type { SchoolUsageReport } from "../../../src/generated/api";
import { pageOf } from "./week-grid";

export type SchoolUsageRow = SchoolUsageReport["schools"][number];
export type SchoolUsageTotals = SchoolUsageReport["totals"];

/** The scheduler's limit (PlannedDeliveredEndpoints.MaxRangeDays, shared by the usage report). */
export const USAGE_MAX_DAYS = 184;
export const USAGE_PAGE_SIZE = 20;

/** Usage per school of one alliance, or of the county when allianceId is null; dates are days, both included. */
export function usageUrl(allianceId: number | null, from: string, to: string, format?: "csv" | "xlsx"): string {
  const params = [`from=${encodeURIComponent(from)}`, `to=${encodeURIComponent(to)}`, ...(format ? [`format=${format}`] : [])].join("&");
  return `${allianceId == null ? "/api/reports/usage" : `/api/alliances/${allianceId}/reports/usage`}?${params}`;
}

/** The schools matching a name search (case-insensitive, also the alliance's name at the county), one page of 20. */
export function usagePage(report: SchoolUsageReport | null, query: string, page: number): { rows: SchoolUsageRow[]; total: number } {
  return pageOf(report?.schools ?? [], query, (s) => `${s.schoolName} ${s.allianceName}`, page, USAGE_PAGE_SIZE);
}

/** "joined / planned", or only the joined count when nothing was planned (a room joined an unplanned lesson). */
export function ofPlanned(done: number, planned: number): string {
  return planned > 0 ? `${done} / ${planned}` : String(done);
}

/** A figure the report may not know (no hub or identity role in the process, no check-in): an em dash. */
export const orDash = (v: number | null | undefined): string => (v == null ? "—" : String(v));

/** Minutes as hours with one decimal for the totals sentence (a county's minutes run into the tens of thousands). */
export const hours = (minutes: number): number => Math.round(minutes / 6) / 10;

/** The cells of one row in column order (the table's totals row and tests use it). */
export function usageCells(r: SchoolUsageRow | SchoolUsageTotals): string[] {
  return [
    ofPlanned(r.lessonsTaught, r.lessonsPlanned), String(r.teachingMinutes), ofPlanned(r.roomLessonsJoined, r.roomLessonsPlanned),
    String(r.minutesConnected), orDash(r.averageHeadcount), String(r.questions), String(r.handsRaised),
    String(r.replayViews), String(r.replayMinutes), r.devicesEnrolled == null ? "—" : `${orDash(r.devicesSeen)} / ${r.devicesEnrolled}`,
  ];
}
