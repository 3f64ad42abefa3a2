// The "中文 · English" links every Vue page shows: this page's address with ?lang= set (the
// choice is remembered by web/src/shared/i18n.ts), the query and hash kept. Recomputed when the
// language or the hash (the admin console's views) changes.
import { computed, onBeforeUnmount, onMounted, ref } from "vue";
import { useI18n } from "vue-i18n";

export interface LangLink { code: "zh-CN" | "en"; href: string; label: string; current: boolean }

export function useLangLinks() {
  const { locale } = useI18n();
  const moved = ref(0);
  const bump = () => { moved.value++; };
  onMounted(() => window.addEventListener("hashchange", bump));
  onBeforeUnmount(() => window.removeEventListener("hashchange", bump));
  return computed<LangLink[]>(() => {
    void moved.value;
    return (["zh-CN", "en"] as const).map((code) => {
      const url = new URL(location.href);
      url.searchParams.set("lang", code);
      return { code, href: url.pathname + url.search + url.hash, label: code === "en" ? "English" : "中文", current: code === locale.value };
    });
  });
}
