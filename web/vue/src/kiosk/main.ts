// The classroom projector kiosk (docs/kiosk.md): /vue/kiosk.html[?lang=en][&hls=1][&rung=low|audio];
// the fixed link /k/{key} redirects here.
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import "./kiosk.css";
import en from "../locales/kiosk.en";
import zh from "../locales/kiosk.zh-CN";
import KioskPage from "./KioskPage.vue";

createApp(KioskPage).use(createPageI18n({ "zh-CN": zh, en })).mount("#app");
