// The home page (students land here after sign-in; its first link is their class's replays). An external
// module instead of the old inline script: the pages run under CSP script-src 'self'.
import { session, userBar } from "../shared/api.js";
import { applyTexts, languageLinks, registerTexts } from "../shared/i18n.js";

registerTexts("zh-CN", { "home.signIn": "登录", "home.replay": "课程回放：我班的课", "home.teacher": "主讲教师：本周课程" });
registerTexts("en", { "home.signIn": "Sign in", "home.replay": "Lesson replays of my class", "home.teacher": "Lead teacher: this week's lessons" });

applyTexts();
languageLinks();
void session().then((s) => {
  if (!s.me) return;
  userBar(s.me);
  document.getElementById("sign-in-link")?.closest("li")?.remove();
}).catch(() => undefined);
