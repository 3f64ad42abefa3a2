// The district solve view's and the change list's texts travel in their lazy chunk (not in the
// admin page's first load, docs/admin-solve.md "Size"): merged into the page's i18n when first used.
import type { Composer } from "vue-i18n";
import en from "../locales/admin-solve.en";
import zh from "../locales/admin-solve.zh-CN";

let merged = false;
export function useSolveTexts(i18n: Pick<Composer, "mergeLocaleMessage">): void {
  if (merged) return;
  merged = true;
  i18n.mergeLocaleMessage("zh-CN", zh);
  i18n.mergeLocaleMessage("en", en);
}
