// The admin console (docs/admin-console.md): /vue/admin.html[#<view>][?lang=en].
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import en from "../locales/admin.en";
import zh from "../locales/admin.zh-CN";
import peopleEn from "../locales/admin-people.en";
import peopleZh from "../locales/admin-people.zh-CN";
import AdminPage from "./AdminPage.vue";
import "./admin.css";

createApp(AdminPage).use(createPageI18n({ "zh-CN": { ...zh, ...peopleZh }, en: { ...en, ...peopleEn } })).mount("#app");
