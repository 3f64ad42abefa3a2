// The term calendar and bell schedule endpoints as the admin console calls them (TimetableEndpoints,
// DistrictEndpoints), with the generated contract types. Refusals arrive as RFC 9457 problems whose
// texts the server writes in the page's language (Accept-Language, set by api()).
import type { BellScheduleDto, BellScheduleRequest, TermDto, TermRequest } from "../../../src/generated/api";
import { api, ApiError } from "../../../src/shared/api";

/** An alliance's own terms, or (allianceId null) the district's, which every alliance inherits. */
export const listTerms = (allianceId: number | null) =>
  api<TermDto[]>(allianceId == null ? "/api/district/terms" : `/api/alliances/${allianceId}/terms`);

export const saveTerm = (allianceId: number | null, id: number | null, body: TermRequest) =>
  id != null ? api<TermDto>(`/api/terms/${id}`, { method: "PUT", json: body })
    : api<TermDto>(allianceId == null ? "/api/district/terms" : `/api/alliances/${allianceId}/terms`, { method: "POST", json: body });

export const deleteTerm = (id: number) => api<void>(`/api/terms/${id}`, { method: "DELETE" });

export const listBellSchedules = (schoolId: number) => api<BellScheduleDto[]>(`/api/schools/${schoolId}/bell-schedules`);

export const saveBellSchedule = (schoolId: number, id: number | null, body: BellScheduleRequest) =>
  id != null ? api<BellScheduleDto>(`/api/bell-schedules/${id}`, { method: "PUT", json: body })
    : api<BellScheduleDto>(`/api/schools/${schoolId}/bell-schedules`, { method: "POST", json: body });

export const deleteBellSchedule = (id: number) => api<void>(`/api/bell-schedules/${id}`, { method: "DELETE" });

/** A refusal's field errors ("periods[2].start" → messages), empty when it has none. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError)) return {};
  const errors = (error.body as { errors?: Record<string, string[]> } | null)?.errors;
  return errors && typeof errors === "object" ? errors : {};
}

/** The row index a field error names ("periods[2].start" → 2 for prefix "periods"), or null. */
export function rowOf(field: string, prefix: string): number | null {
  const m = new RegExp(`^${prefix}\\[(\\d+)\\]`).exec(field);
  return m ? Number(m[1]) : null;
}
