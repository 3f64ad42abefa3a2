// Shared by the people view and its roles dialog (docs/admin-people.md "Roles"): a grant in words,
// and the roles dialog's texts merged into the page's messages when the people chunk loads (so
// they do not weigh on the console's first load).
import { useI18n } from "vue-i18n";
import type { Alliance, School } from "../core/admin-api";
import { parseGrant, roleKey } from "../core/admin-people";
import rolesEn from "../locales/admin-roles.en";
import rolesZh from "../locales/admin-roles.zh-CN";

/** The page's translator, with the roles texts merged once. */
export function useRolesI18n() {
  const i18n = useI18n();
  if (!i18n.te("peopleRoles.title", "en")) {
    i18n.mergeLocaleMessage("zh-CN", rolesZh);
    i18n.mergeLocaleMessage("en", rolesEn);
  }
  return i18n;
}

/** A grant's claim form as words: the role, and the school or alliance it is bound to when the console knows its name. */
export function useGrantText(where: { alliances: Alliance[]; schools: School[] }) {
  const { t } = useI18n();
  return (claim: string): string => {
    const g = parseGrant(claim);
    if (!g) return claim;
    const role = t(`people.roles.${roleKey(g.role)}`);
    const school = g.schoolId != null ? where.schools.find((s) => s.id === g.schoolId)?.name ?? t("people.schoolNo", { id: g.schoolId }) : null;
    const alliance = g.allianceId != null ? where.alliances.find((a) => a.id === g.allianceId)?.name ?? null : null;
    const place = school ?? alliance ?? (g.allianceId == null ? t("people.county") : null);
    return place ? `${role} · ${place}` : role;
  };
}
