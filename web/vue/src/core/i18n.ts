// vue-i18n for the Vue pages: the language is chosen exactly as on the plain pages
// (web/src/shared/i18n.ts currentLocale: ?lang= wins and is remembered, else the stored choice,
// else zh-CN), so a person switching language on any page keeps it on every page.
import { createI18n } from "vue-i18n";
import { currentLocale, type Locale } from "../../../src/shared/i18n";
import en from "../locales/en";
import zh from "../locales/zh-CN";

export const messages = { "zh-CN": zh, en } as const;

export function createPageI18n(locale: Locale = currentLocale()) {
  document.documentElement.lang = locale;
  return createI18n({ legacy: false, locale, fallbackLocale: "zh-CN", messages });
}
