// The replay page (docs/replay.md "The replay page"): /vue/replay.html[?recording=ID][&lang=en].
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import evaluationEn from "../locales/evaluation.en";
import evaluationZh from "../locales/evaluation.zh-CN";
import replayEn from "../locales/replay.en";
import replayZh from "../locales/replay.zh-CN";
import ReplayPage from "./ReplayPage.vue";

createApp(ReplayPage).use(createPageI18n({ "zh-CN": { ...replayZh, ...evaluationZh }, en: { ...replayEn, ...evaluationEn } })).mount("#app");
