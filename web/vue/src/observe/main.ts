// Observing a lesson live (docs/observe.md): /vue/observe.html?lesson={lessonId}[&lang=en]. Receive
// only: the studio (camera, courseware, sound) and the room wall; no camera, no microphone, no hub.
import { createApp } from "vue";
import { createPageI18n } from "../core/i18n";
import "../core/page.css";
import "./observe.css";
import en from "../locales/observe.en";
import zh from "../locales/observe.zh-CN";
import ObservePage from "./ObservePage.vue";

createApp(ObservePage).use(createPageI18n({ "zh-CN": zh, en })).mount("#app");
