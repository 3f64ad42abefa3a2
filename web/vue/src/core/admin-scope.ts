// Who may see which level of the admin console (docs/access.md "Roles and scope"; the server
// enforces it, this only decides what to show): district → alliance → school, and the choice a
// person made last time, remembered per person in localStorage.
import type { Grant, Me } from "../../../src/shared/api";
import { peopleViewsFor, type PeopleView } from "./admin-people";
import { studiosViewsFor, type StudiosView } from "./admin-studios";

export type Level = "district" | "alliance" | "school";

export interface Reach {
  /** A district admin: every alliance, and creating alliances. */
  county: boolean;
  /** Alliances the person administers (alliance admins); empty for a district admin (all). */
  alliances: number[];
  /** Schools the person administers without their alliance (school admins). */
  schools: { allianceId: number | null; schoolId: number }[];
  /** Auditor only: the audit log, nothing of the setup. */
  auditOnly: boolean;
}

export function reachOf(grants: readonly Grant[]): Reach {
  const county = grants.some((g) => g.role === "district-admin");
  const alliances = [...new Set(grants.filter((g) => g.role === "alliance-admin" && g.allianceId != null).map((g) => g.allianceId!))];
  const schools = grants.filter((g) => g.role === "school-admin" && g.schoolId != null && !alliances.includes(g.allianceId ?? -1))
    .map((g) => ({ allianceId: g.allianceId ?? null, schoolId: g.schoolId! }));
  const auditOnly = !county && alliances.length === 0 && schools.length === 0 && grants.some((g) => g.role === "auditor");
  return { county, alliances, schools, auditOnly };
}

/** The place in the console: an alliance and, within it, a school (null = the level above). */
export interface Place { allianceId: number | null; schoolId: number | null }

/** The views of each level, in menu order. */
export type View = "alliances" | "week" | "schools" | "rooms" | "teachers"
  | "solve" // the district-wide solve, docs/admin-solve.md
  | "imports" // admin-imports
  | "terms" | "bells" // admin-calendar
  | "live" | "reports" | "recordings" // admin-reports
  | "leads" | "demands" // admin-lead
  | PeopleView // admin-people
  | StudiosView; // admin-studios

export function viewsFor(reach: Reach, place: Place): View[] {
  const views: View[] = [];
  if (reach.county) views.push("alliances");
  if (reach.county && place.allianceId == null && place.schoolId == null) views.push("solve"); // docs/admin-solve.md
  const allianceWide = reach.county || (place.allianceId != null && reach.alliances.includes(place.allianceId));
  if (place.allianceId != null && allianceWide) views.push("week", "schools");
  if (allianceWide && (place.allianceId != null || place.schoolId == null)) views.push("terms"); // the alliance's terms, or the district's at the district
  if (place.allianceId != null && allianceWide) views.push("imports"); // docs/admin-imports.md
  if (place.allianceId != null && allianceWide) views.push("leads"); // docs/admin-lead.md
  if (place.schoolId != null) views.push("rooms", "teachers");
  if (place.schoolId != null) views.push("bells");
  if (place.schoolId != null) views.push("demands"); // docs/admin-lead.md
  if (place.schoolId == null && (place.allianceId != null ? allianceWide : reach.county)) views.push("live", "reports", "recordings"); // docs/admin-reports.md
  views.push(...peopleViewsFor(reach, place)); // docs/admin-people.md
  views.push(...studiosViewsFor(reach, place)); // docs/admin-studios.md
  return views;
}

/** A place the person may be in: a remembered place outside their reach falls back to their first. */
export function allowedPlace(reach: Reach, wanted: Place | null, knownAlliances: readonly number[]): Place {
  const schoolOk = (p: Place) => p.schoolId == null || reach.county || (p.allianceId != null && reach.alliances.includes(p.allianceId)) ||
    reach.schools.some((s) => s.schoolId === p.schoolId);
  const allianceOk = (p: Place) => p.allianceId == null ? reach.county || reach.schools.length > 0 :
    (reach.county ? knownAlliances.includes(p.allianceId) : reach.alliances.includes(p.allianceId) || reach.schools.some((s) => s.allianceId === p.allianceId));
  if (wanted && allianceOk(wanted) && schoolOk(wanted)) return wanted;
  if (reach.county) return { allianceId: knownAlliances[0] ?? null, schoolId: null };
  if (reach.alliances.length > 0) return { allianceId: reach.alliances[0], schoolId: null };
  const first = reach.schools[0];
  return first ? { allianceId: first.allianceId, schoolId: first.schoolId } : { allianceId: null, schoolId: null };
}

const key = (me: Me) => `classroom.admin.place.${me.subject}`;

export function rememberedPlace(me: Me, storage: Pick<Storage, "getItem"> = localStorage): Place | null {
  try {
    const p = JSON.parse(storage.getItem(key(me)) ?? "null") as Partial<Place> | null;
    return p && typeof p === "object" ? { allianceId: typeof p.allianceId === "number" ? p.allianceId : null, schoolId: typeof p.schoolId === "number" ? p.schoolId : null } : null;
  } catch {
    return null;
  }
}

export function rememberPlace(me: Me, place: Place, storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(key(me), JSON.stringify(place));
}
