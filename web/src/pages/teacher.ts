// The lead teacher's lesson console, teacher.html?lesson=ID (teacher-console.ts). The teacher's
// week moved to the Vue page /vue/teacher.html (docs/teacher-week.md); the server redirects
// /teacher.html without ?lesson there, and so does this page when opened from a plain file server.
import { describe, requireSignIn, userBar } from "../shared/api.js";
import { applyTexts, languageLinks, t } from "../shared/i18n.js";
import { runConsole } from "./teacher-console.js";

const $ = (id: string) => document.getElementById(id) as HTMLElement;

async function main(): Promise<void> {
  const lesson = new URLSearchParams(location.search).get("lesson");
  if (!lesson) {
    location.replace("/vue/teacher.html" + location.search);
    return;
  }
  applyTexts();
  languageLinks();
  const me = await requireSignIn();
  userBar(me);
  $("console").hidden = false;
  $("lesson-title").textContent = lesson;
  await runConsole(lesson);
}

main().catch((e: unknown) => { $("error").textContent = `${t("common.error")}: ${describe(e)}`; });
