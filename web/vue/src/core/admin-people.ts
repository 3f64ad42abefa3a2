// People, devices and the audit log in the admin console (docs/admin-people.md): which of these
// views a person gets at a place, the list address per level, grants read back from their claim
// form, the grant a new person is given, pairing codes, "last seen", and the audit query.
// Framework-free, so Vitest drives it (admin-people.test.ts).
import { ApiError, type Grant, type Role } from "../../../src/shared/api";
import type { PeopleGrantRequest } from "../../../src/generated/api";
import type { Place, Reach } from "./admin-scope";

export type PeopleView = "people" | "devices" | "audit";

/**
 * People at every level the person administers (district, alliance, school); devices at a
 * school; the audit log for district admins and auditors, whatever the place (it is county-wide).
 */
export function peopleViewsFor(reach: Reach, place: Place): PeopleView[] {
  const views: PeopleView[] = [];
  const allianceWide = reach.county || (place.allianceId != null && reach.alliances.includes(place.allianceId));
  const atSchool = place.schoolId != null && (allianceWide || reach.schools.some((s) => s.schoolId === place.schoolId));
  if (atSchool || (place.allianceId != null && allianceWide) || (place.allianceId == null && reach.county)) views.push("people");
  if (atSchool) views.push("devices");
  if (reach.county || reach.auditOnly) views.push("audit");
  return views;
}

/** The people list of the place: the county's, the alliance's or the school's (people with a grant there), searched by the server. */
export function peopleUrl(place: Place, q: string): string {
  const base = place.schoolId != null ? `/api/schools/${place.schoolId}/people` : place.allianceId != null ? `/api/alliances/${place.allianceId}/people` : "/api/people";
  return q.trim() ? `${base}?q=${encodeURIComponent(q.trim())}` : base;
}

/** The server answers at most this many people per page (PeopleEndpoints.MaxPageSize); the console asks for pages of 20 (admin-paging.ts). */
export const PeopleCap = 500;

/** A grant in its claim form "school-admin;a=1;s=3" (Grant.ToClaimValue on the server). */
export function parseGrant(claim: string): Grant | null {
  const [role, ...parts] = claim.split(";");
  if (!role) return null;
  const grant: Grant = { role: role as Role };
  const keys: Record<string, keyof Grant> = { a: "allianceId", s: "schoolId", c: "classroomId", t: "teacherId", r: "studioId" };
  for (const part of parts) {
    const m = /^([ascrt])=(\d+)$/.exec(part);
    if (!m) return null;
    (grant as unknown as Record<string, number>)[keys[m[1]]] = Number(m[2]);
  }
  return grant;
}

/** The roles a new person can be given here: the level's own admins and what lives at that level. */
export function creatableRoles(reach: Reach, place: Place): Role[] {
  if (place.schoolId != null) return ["school-admin", "teacher", "student"];
  if (place.allianceId != null) return ["alliance-admin", "school-admin", "researcher", "auditor"];
  return reach.county ? ["district-admin", "alliance-admin", "researcher", "auditor"] : [];
}

/** What the dialog asks beside the role: a school (alliance level), an alliance (district level), a teacher record or a class (school level). */
export function pickFor(role: Role, place: Place): "alliance" | "school" | "teacher" | "classroom" | null {
  if (role === "teacher") return "teacher";
  if (role === "student") return "classroom";
  if (role === "school-admin" && place.schoolId == null) return "school";
  if (role === "alliance-admin" && place.allianceId == null) return "alliance";
  return null;
}

/**
 * The grant request for a new person. The server resolves the named resource and fills in the
 * rest of the scope itself (PeopleEndpoints.ResolveGrantAsync); a researcher or auditor made at an
 * alliance is that alliance's, made at the district the county's.
 */
export function grantRequest(role: Role, place: Place, pick: number | null): PeopleGrantRequest {
  const g: PeopleGrantRequest = { role, allianceId: null, schoolId: null, classroomId: null, teacherId: null };
  switch (role) {
    case "alliance-admin": g.allianceId = pick ?? place.allianceId; break;
    case "researcher": case "auditor": g.allianceId = place.allianceId; break;
    case "school-admin": g.schoolId = place.schoolId ?? pick; break;
    case "teacher": g.teacherId = pick; break;
    case "student": g.classroomId = pick; break;
  }
  return g;
}

/** User names the server accepts (ASP.NET Core Identity's default alphabet); checked before sending. */
export const userNamePattern = /^[A-Za-z0-9._-]{2,64}$/;

/** A pairing code as typed: case, spaces and the dash do not matter; 8 letters or digits (no look-alikes are ever shown). */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  return /^[A-Z0-9]{8}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : null;
}

export type Seen = { kind: "never" | "now" } | { kind: "at"; at: string };

/**
 * "Last seen" of a device: online by the server's judgement (DeviceView.online, by the server's
 * clock, so an office PC with a wrong clock still reads it right), else when it was last seen.
 */
export function lastSeen(device: { lastSeenAt: string | null; online: boolean }): Seen {
  if (device.online) return { kind: "now" };
  return device.lastSeenAt ? { kind: "at", at: device.lastSeenAt } : { kind: "never" };
}

export interface AuditFilter { subject: string; action: string; target: string; from: string | null; to: string | null }

/** Rows per page of the audit log in the console (the server allows up to 200, AuditEndpoints.MaxPageSize). */
export const AuditPageSize = 50;

/**
 * The audit query: the person (subject "person:12" or a part of the name), action, object (target)
 * and days, with the 1-based page (the server answers the count of every match in X-Total-Count).
 * Days are the county's (China Standard Time, no daylight saving): from that midnight up to the
 * midnight after "to". The CSV export takes every match (up to the server's 100 000), no page.
 */
export function auditQuery(f: AuditFilter, page: number, format?: "csv"): string {
  const q = new URLSearchParams();
  if (f.subject.trim()) q.set("subject", f.subject.trim());
  if (f.action.trim()) q.set("action", f.action.trim());
  if (f.target.trim()) q.set("target", f.target.trim());
  if (f.from) q.set("from", `${f.from}T00:00:00+08:00`);
  if (f.to) q.set("to", new Date(Date.parse(`${f.to}T00:00:00+08:00`) + 86_400_000).toISOString());
  if (!format) {
    if (page > 1) q.set("page", String(page));
    q.set("pageSize", String(AuditPageSize));
  }
  if (format) q.set("format", format);
  const s = q.toString();
  return s ? `/api/audit?${s}` : "/api/audit";
}

/** Known actions, named for people (the raw action stays beside it); the rest are shown as they are. */
export const namedActions: Record<string, string> = {
  "POST /api/classrooms/{classroomId:long}/devices": "deviceEnrol",
  "POST /api/studios/{studioId:long}/devices": "deviceEnrol",
  "DELETE /api/devices/{id:long}": "deviceRevoke",
  "POST /api/people": "personCreate",
  "POST /api/people/{id:long}/password-reset": "passwordReset",
  "PUT /api/people/{id:long}/disabled": "personDisable",
  "DELETE /api/people/{id:long}/tokens/{tokenId:long}": "tokenRevoke",
  "POST /api/people/{id:long}/grants": "grantAdd",
  "DELETE /api/people/{id:long}/grants/{grantId:long}": "grantRemove",
  "person.grant.add": "grantAdd",
  "person.grant.remove": "grantRemove",
  "DELETE /api/people/{id:long}": "personDelete",
  "person.delete": "personDelete",
  "POST /api/auth/sign-in": "signIn",
  "roster.read": "rosterRead",
  "audit.read": "auditRead",
  "audit.export": "auditExport",
};

/**
 * Downloads a file under sign-in (the audit CSV): fetched with the session cookie, so an ended
 * session or a refusal is read as a problem in the page's language instead of a raw error page.
 */
export async function downloadUnderSignIn(url: string, fallbackName: string, lang: string): Promise<string> {
  const response = await fetch(url, { credentials: "same-origin", headers: { "Accept-Language": lang } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; code?: string };
    throw new ApiError(response.status, problem.code ?? String(response.status), problem.title ?? "", problem.detail ?? response.statusText, problem);
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return a.download;
}

/** A role's text key: "school-admin" → "schoolAdmin" (message paths keep to letters). */
export const roleKey = (role: string) => role.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
