// The teacher's week (docs/teacher-week.md): /vue/teacher.html[?lang=en]. /teacher.html redirects here.
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import en from "../locales/teacher.en";
import zh from "../locales/teacher.zh-CN";
import TeacherWeekPage from "./TeacherWeekPage.vue";

createApp(TeacherWeekPage).use(createPageI18n({ "zh-CN": zh, en })).mount("#app");
