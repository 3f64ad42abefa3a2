// The delete dialog's texts (docs/admin-people.md "Deleting a person"), merged into the page's
// messages when the people chunk loads (so they do not weigh on the console's first load).
import { useI18n } from "vue-i18n";
import deleteEn from "../locales/admin-person-delete.en";
import deleteZh from "../locales/admin-person-delete.zh-CN";

/** The page's translator, with the delete texts merged once (call from a setup of the people chunk). */
export function useDeleteI18n() {
  const i18n = useI18n();
  if (!i18n.te("peopleDelete.title", "en")) {
    i18n.mergeLocaleMessage("zh-CN", deleteZh);
    i18n.mergeLocaleMessage("en", deleteEn);
  }
  return i18n;
}

/** True when the typed text names the person: their display name or their user name, spaces around it ignored. */
export function namesPerson(typed: string, person: { displayName: string; userName?: string | null }): boolean {
  const text = typed.trim();
  return text !== "" && (text === person.displayName.trim() || text === (person.userName ?? "").trim());
}
