// User-facing text in Simplified Chinese (default) and English. Pages call t("key").
export type Locale = "zh-CN" | "en";

const dictionaries: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    "app.title": "同上一节课",
    "admin.title": "教务管理",
    "common.loading": "加载中…",
    "common.error": "出错了",
    "common.language": "语言",
    "common.signedInAs": "当前用户：{name}",
    "common.signOut": "退出登录",
    "common.account": "我的账号",
    "common.network": "无法连接服务器，请检查网络后重试。",
    "common.passwordRules": "至少8位，包含数字和字母。",
    "common.totpCode": "动态码",
  },
  en: {
    "app.title": "Shared Classroom",
    "admin.title": "Administration",
    "common.loading": "Loading…",
    "common.error": "Something went wrong",
    "common.language": "Language",
    "common.signedInAs": "Signed in as {name}",
    "common.signOut": "Sign out",
    "common.account": "My account",
    "common.network": "Cannot reach the server; check the network and try again.",
    "common.passwordRules": "At least 8 characters, with letters and digits.",
    "common.totpCode": "Authenticator code",
  },
};

/** ?lang= wins and is remembered, so a redirect (to sign-in and back) keeps the language. */
export function currentLocale(): Locale {
  const fromQuery = new URLSearchParams(location.search).get("lang");
  if (fromQuery === "en" || fromQuery === "zh-CN") {
    localStorage.setItem("classroom.lang", fromQuery);
    return fromQuery;
  }
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

/** Replaces {name} placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}

/**
 * Fills every element with data-i18n="key" in the current locale, and the attributes named by
 * data-i18n-placeholder / data-i18n-aria-label / data-i18n-title.
 */
export function applyTexts(root: ParentNode = document): void {
  const locale = currentLocale();
  document.documentElement.lang = locale;
  root.querySelectorAll<HTMLElement>("[data-i18n]").forEach((el) => {
    el.textContent = t(el.dataset.i18n ?? "", locale);
  });
  for (const [data, attribute] of [["i18nPlaceholder", "placeholder"], ["i18nAriaLabel", "aria-label"], ["i18nTitle", "title"]] as const) {
    const selector = "[data-" + data.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + "]";
    root.querySelectorAll<HTMLElement>(selector).forEach((el) => el.setAttribute(attribute, t(el.dataset[data] ?? "", locale)));
  }
  const title = document.querySelector<HTMLElement>("meta[name='classroom-title']")?.getAttribute("content");
  if (title) document.title = `${t(title, locale)} · ${t("app.title", locale)}`;
}

/**
 * Fills <nav class="lang"> links: the current URL with ?lang=zh-CN or ?lang=en (other parameters kept).
 * A page that holds something the URL no longer has (the enrolment page takes its one-time code out
 * of the address bar) passes `inPlace`: a click then switches the texts without leaving the page,
 * and `inPlace` redraws what the page wrote itself.
 */
export function languageLinks(container: HTMLElement | null = document.querySelector<HTMLElement>("[data-lang-switch]"), inPlace?: () => void): void {
  if (!container) return;
  const locale = currentLocale();
  container.setAttribute("aria-label", t("common.language", locale));
  const links = ([["zh-CN", "中文"], ["en", "English"]] as const).map(([code, label]) => {
    const url = new URL(location.href);
    url.searchParams.set("lang", code);
    const a = document.createElement("a");
    a.href = url.pathname + url.search + url.hash;
    a.textContent = label;
    a.lang = code;
    if (code === locale) a.setAttribute("aria-current", "true");
    if (inPlace) {
      a.addEventListener("click", (event) => {
        event.preventDefault();
        history.replaceState(history.state, "", a.href);
        applyTexts();
        languageLinks(container, inPlace);
        inPlace();
      });
    }
    return a;
  });
  container.replaceChildren(links[0], " · ", links[1]);
}
