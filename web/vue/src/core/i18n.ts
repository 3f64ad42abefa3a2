// vue-i18n for the Vue pages: the language is chosen exactly as on the plain pages
// (web/src/shared/i18n.ts currentLocale: ?lang= wins and is remembered, else the stored choice,
// else zh-CN), so a person switching language on any page keeps it on every page.
// Each page brings its own texts (locales/<page>.{zh-CN,en}.ts) on top of the shared ones
// (locales/common.*), so a page's bundle carries only its own words.
import { createI18n } from "vue-i18n";
import { currentLocale, type Locale } from "../../../src/shared/i18n";
import commonEn from "../locales/common.en";
import commonZh from "../locales/common.zh-CN";

export type PageMessages = { "zh-CN": Record<string, unknown>; en: Record<string, unknown> };

export function createPageI18n(page: PageMessages, locale: Locale = currentLocale()) {
  document.documentElement.lang = locale;
  const messages = { "zh-CN": { ...commonZh, ...page["zh-CN"] }, en: { ...commonEn, ...page.en } };
  return createI18n({ legacy: false, locale, fallbackLocale: "zh-CN", messages });
}
