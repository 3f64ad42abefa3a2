// The lead teacher's studio console (docs/studio.md): /vue/studio.html?lesson=L{lead}-{yyyyMMdd}
// [&lang=en][&courseware=canvas][&simulcast=0][&h264=0][&slots=N].
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import en from "../locales/studio.en";
import zh from "../locales/studio.zh-CN";
import StudioPage from "./StudioPage.vue";

createApp(StudioPage).use(createPageI18n({ "zh-CN": zh, en })).mount("#app");
