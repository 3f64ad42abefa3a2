// Sign-in: user name and password, the TOTP code when the server asks for it, then back to the
// page that sent the person here (a same-origin path only) or to the home of their role.
import { ApiError, api, describe, forgetSession, homeFor, safeReturnUrl, session } from "../shared/api.js";
import { applyTexts, languageLinks, registerTexts, t } from "../shared/i18n.js";

registerTexts("zh-CN", {
  "signIn.title": "登录",
  "signIn.userName": "用户名",
  "signIn.password": "密码",
  "signIn.codeHelp": "打开身份验证器应用，输入显示的6位数字。",
  "signIn.submit": "登录",
  "signIn.busy": "正在登录…",
  "signIn.rateLimited": "尝试次数过多，请稍后再试。",
});
registerTexts("en", {
  "signIn.title": "Sign in",
  "signIn.userName": "User name",
  "signIn.password": "Password",
  "signIn.codeHelp": "Open your authenticator app and enter the 6 digits it shows.",
  "signIn.submit": "Sign in",
  "signIn.busy": "Signing in…",
  "signIn.rateLimited": "Too many attempts; try again in a while.",
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("sign-in");
const error = $("error");
const submit = $<HTMLButtonElement>("submit");
const codeRow = $("code-row");
const codeInput = $<HTMLInputElement>("code");

applyTexts();
languageLinks();

function target(me: Parameters<typeof homeFor>[0]): string {
  return safeReturnUrl(new URLSearchParams(location.search).get("returnUrl")) ?? homeFor(me);
}

// Already signed in (a second tab, the back button): go on. A device (a studio PC) sent here by a page
// that needs a person (the studio console, docs/kiosk.md "Studio PC") stays: the teacher signs in here.
const asked = new URLSearchParams(location.search).has("returnUrl");
void session().then((s) => { if (s.signedIn && !(s.me?.isDevice && asked)) location.replace(target(s.me)); }).catch(() => undefined);

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void signIn();
});
// The button is disabled in the HTML until this handler is attached: a click before the script has run
// would otherwise submit the form natively, with the password in the address (a GET of this page).
submit.disabled = false;

async function signIn(): Promise<void> {
  const userName = $<HTMLInputElement>("user-name").value.trim();
  const password = $<HTMLInputElement>("password").value;
  error.textContent = "";
  submit.disabled = true;
  submit.textContent = t("signIn.busy");
  try {
    const result = await api<{ mustChangePassword: boolean }>("/api/auth/sign-in", {
      method: "POST", signInOn401: false,
      json: { userName, password, code: codeRow.hidden ? null : codeInput.value.trim() || null },
    });
    forgetSession();
    const s = await session();
    const next = target(s.me);
    location.assign(result.mustChangePassword ? "/account.html?mustChange=1&returnUrl=" + encodeURIComponent(next) : next);
  } catch (e) {
    if (e instanceof ApiError && (e.code === "code_required" || e.code === "code_invalid")) {
      codeRow.hidden = false;
      codeInput.focus();
    }
    if (e instanceof ApiError && e.code === "antiforgery") forgetSession();
    error.textContent = e instanceof ApiError && e.status === 429 ? t("signIn.rateLimited") : describe(e);
    submit.disabled = false;
    submit.textContent = t("signIn.submit");
  }
}
