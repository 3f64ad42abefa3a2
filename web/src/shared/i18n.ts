// User-facing text in Simplified Chinese (default) and English. Pages call t("key").
export type Locale = "zh-CN" | "en";

const dictionaries: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    "app.title": "同上一节课",
    "admin.title": "联盟教务",
    "admin.pairings": "本周结对",
    "admin.solve": "重新排课",
    "admin.uncovered": "未满足的需求",
    "admin.none": "暂无",
    "common.loading": "加载中…",
    "common.error": "出错了",
  },
  en: {
    "app.title": "Shared Classroom",
    "admin.title": "Alliance administration",
    "admin.pairings": "Pairings this week",
    "admin.solve": "Re-run pairing",
    "admin.uncovered": "Unmet demand",
    "admin.none": "None",
    "common.loading": "Loading…",
    "common.error": "Something went wrong",
  },
};

export function currentLocale(): Locale {
  const fromQuery = new URLSearchParams(location.search).get("lang");
  if (fromQuery === "en" || fromQuery === "zh-CN") return fromQuery;
  const stored = localStorage.getItem("classroom.lang");
  if (stored === "en" || stored === "zh-CN") return stored;
  return "zh-CN";
}

export function t(key: string, locale: Locale = currentLocale()): string {
  return dictionaries[locale][key] ?? dictionaries["zh-CN"][key] ?? key;
}

export function registerTexts(locale: Locale, entries: Record<string, string>): void {
  Object.assign(dictionaries[locale], entries);
}

/** Fills every element with data-i18n="key" in the current locale. */
export function applyTexts(root: ParentNode = document): void {
  const locale = currentLocale();
  document.documentElement.lang = locale;
  root.querySelectorAll<HTMLElement>("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n ?? "", locale);
  });
}
