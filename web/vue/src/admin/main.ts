// The admin console (docs/admin-console.md): /vue/admin.html[#<view>][?lang=en].
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import en from "../locales/admin.en";
import importsEn from "../locales/admin-imports.en";
import importsZh from "../locales/admin-imports.zh-CN";
import zh from "../locales/admin.zh-CN";
import calendarEn from "../locales/admin-calendar.en";
import calendarZh from "../locales/admin-calendar.zh-CN";
import peopleEn from "../locales/admin-people.en";
import peopleZh from "../locales/admin-people.zh-CN";
import reportsEn from "../locales/admin-reports.en";
import reportsZh from "../locales/admin-reports.zh-CN";
import pagingEn from "../locales/admin-paging.en";
import pagingZh from "../locales/admin-paging.zh-CN";
import studiosEn from "../locales/admin-studios.en";
import studiosZh from "../locales/admin-studios.zh-CN";
import leadEn from "../locales/admin-lead.en";
import leadZh from "../locales/admin-lead.zh-CN";
import AdminPage from "./AdminPage.vue";
import "./admin.css";

createApp(AdminPage).use(createPageI18n({
  "zh-CN": { ...zh, ...importsZh, ...calendarZh, ...reportsZh, ...peopleZh, ...pagingZh, ...studiosZh, ...leadZh },
  en: { ...en, ...importsEn, ...calendarEn, ...reportsEn, ...peopleEn, ...pagingEn, ...studiosEn, ...leadEn },
})).mount("#app");
