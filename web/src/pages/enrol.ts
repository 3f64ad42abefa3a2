// The one-time enrolment link (/enrol.html#code=en_…): the code lives in the fragment (never sent
// in a request line), is read once into memory and removed from the address bar at once; posting
// it with the new password signs the person in.
import { ApiError, api, describe, forgetSession, homeFor, session } from "../shared/api.js";
import { applyTexts, languageLinks, registerTexts, t } from "../shared/i18n.js";

registerTexts("zh-CN", {
  "enrol.title": "设置密码",
  "enrol.intro": "这是管理员发给您的一次性链接。请为您的账号设置密码，设置后即已登录。",
  "enrol.password": "新密码",
  "enrol.confirm": "再次输入新密码",
  "enrol.submit": "设置密码并登录",
  "enrol.mismatch": "两次输入的密码不一致。",
  "enrol.noCode": "链接不完整：请使用管理员发送的完整链接。",
});
registerTexts("en", {
  "enrol.title": "Set your password",
  "enrol.intro": "This is the one-time link an admin sent you. Choose a password for your account; you are signed in once it is set.",
  "enrol.password": "New password",
  "enrol.confirm": "New password again",
  "enrol.submit": "Set password and sign in",
  "enrol.mismatch": "The two passwords differ.",
  "enrol.noCode": "The link is incomplete: use the whole link the admin sent.",
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const error = $("error");
const submit = $<HTMLButtonElement>("submit");

applyTexts();
const code = new URLSearchParams(location.hash.slice(1)).get("code");
if (location.hash) history.replaceState(null, "", location.pathname + location.search);
// The code is gone from the address bar, so switching the language must not reload the page.
let shown: string | null = null;
const show = (key: string | null): void => {
  shown = key;
  error.textContent = key ? t(key) : "";
};
languageLinks(undefined, () => { if (shown) show(shown); });
if (!code) show("enrol.noCode");

$<HTMLFormElement>("enrol").addEventListener("submit", (event) => {
  event.preventDefault();
  void enrol();
});
// Disabled in the HTML until the handler above is attached (no native submit of the password).
submit.disabled = !code;

async function enrol(): Promise<void> {
  const password = $<HTMLInputElement>("password").value;
  if (password !== $<HTMLInputElement>("confirm").value) {
    show("enrol.mismatch");
    return;
  }
  show(null);
  submit.disabled = true;
  try {
    await api("/api/auth/enrol", { method: "POST", signInOn401: false, json: { code, password } });
    forgetSession();
    location.assign(homeFor((await session()).me));
  } catch (e) {
    error.textContent = describe(e);
    // A used or expired link stays used: only a rejected password can be tried again.
    submit.disabled = e instanceof ApiError && e.status === 410;
  }
}
