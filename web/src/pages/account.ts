// The signed-in person's own account: password, TOTP, personal access tokens (shown once).
import { api, describe, requireSignIn, safeReturnUrl, userBar, type Me } from "../shared/api.js";
import { applyTexts, currentLocale, fill, languageLinks, registerTexts, t } from "../shared/i18n.js";

registerTexts("zh-CN", {
  "account.title": "我的账号",
  "account.mustChange": "请先修改初始密码。",
  "account.password": "修改密码",
  "account.current": "当前密码",
  "account.new": "新密码",
  "account.changePassword": "修改密码",
  "account.passwordChanged": "密码已修改。",
  "account.totp": "两步验证（动态码）",
  "account.totpOn": "已启用：登录时需要输入动态码。",
  "account.totpOff": "未启用。",
  "account.totpStart": "设置身份验证器",
  "account.totpHelp": "在身份验证器应用中添加账号：输入下面的密钥（或复制 otpauth 链接），然后输入应用显示的6位动态码。",
  "account.sharedKey": "密钥",
  "account.uri": "otpauth 链接",
  "account.totpEnable": "启用",
  "account.totpEnabled": "两步验证已启用。",
  "account.tokens": "个人访问令牌",
  "account.tokensHelp": "供脚本调用接口使用。令牌只显示一次，请妥善保存；不用时请吊销。",
  "account.tokenName": "名称",
  "account.tokenDays": "有效天数",
  "account.tokenCreate": "创建令牌",
  "account.tokenOnce": "新令牌（只显示这一次）：",
  "account.created": "创建时间",
  "account.expires": "到期时间",
  "account.state": "状态",
  "account.actions": "操作",
  "account.active": "有效",
  "account.revoked": "已吊销",
  "account.expired": "已过期",
  "account.revoke": "吊销",
  "account.revokeLabel": "吊销令牌 {name}",
  "account.none": "还没有令牌。",
  "account.device": "此设备没有个人账号。",
});
registerTexts("en", {
  "account.title": "My account",
  "account.mustChange": "Change your initial password first.",
  "account.password": "Change password",
  "account.current": "Current password",
  "account.new": "New password",
  "account.changePassword": "Change password",
  "account.passwordChanged": "Your password was changed.",
  "account.totp": "Two-step verification (authenticator code)",
  "account.totpOn": "On: signing in asks for the authenticator code.",
  "account.totpOff": "Off.",
  "account.totpStart": "Set up an authenticator",
  "account.totpHelp": "Add an account in your authenticator app with the key below (or copy the otpauth link), then enter the 6-digit code it shows.",
  "account.sharedKey": "Key",
  "account.uri": "otpauth link",
  "account.totpEnable": "Turn on",
  "account.totpEnabled": "Two-step verification is on.",
  "account.tokens": "Personal access tokens",
  "account.tokensHelp": "For scripts that call the API. A token is shown only once: keep it safe, and revoke it when no longer used.",
  "account.tokenName": "Name",
  "account.tokenDays": "Valid for (days)",
  "account.tokenCreate": "Create token",
  "account.tokenOnce": "New token (shown only this once):",
  "account.created": "Created",
  "account.expires": "Expires",
  "account.state": "State",
  "account.actions": "Actions",
  "account.active": "active",
  "account.revoked": "revoked",
  "account.expired": "expired",
  "account.revoke": "Revoke",
  "account.revokeLabel": "Revoke token {name}",
  "account.none": "No tokens yet.",
  "account.device": "This device has no personal account.",
});

interface TokenView { id: number; name: string; createdAt: string; expiresAt: string; revoked: boolean }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const when = (iso: string) => new Date(iso).toLocaleString(currentLocale(), { dateStyle: "medium", timeStyle: "short" });

async function main(): Promise<void> {
  applyTexts();
  languageLinks();
  let me: Me = await requireSignIn();
  userBar(me);
  const query = new URLSearchParams(location.search);
  $("must-change").hidden = !(me.mustChangePassword || query.has("mustChange"));
  const showTotp = () => { $("totp-state").textContent = t(me.twoFactorEnabled ? "account.totpOn" : "account.totpOff"); };
  showTotp();

  $<HTMLFormElement>("password-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const out = $("password-result");
    out.className = "";
    void api("/api/me/password", { method: "POST", json: { currentPassword: $<HTMLInputElement>("current-password").value, newPassword: $<HTMLInputElement>("new-password").value } })
      .then(() => {
        out.textContent = t("account.passwordChanged");
        $<HTMLFormElement>("password-form").reset();
        const back = safeReturnUrl(query.get("returnUrl"));
        if (query.has("mustChange") && back) location.assign(back);
      })
      .catch((e: unknown) => { out.className = "error"; out.textContent = describe(e); });
  });

  $("totp-start").addEventListener("click", () => {
    void api<{ sharedKey: string; uri: string }>("/api/me/totp", { method: "POST" }).then((setup) => {
      $("totp-key").textContent = setup.sharedKey.replace(/(.{4})/g, "$1 ").trim();
      $("totp-uri").textContent = setup.uri;
      $("totp-setup").hidden = false;
      $("totp-code").focus();
    }).catch((e: unknown) => { $("totp-result").textContent = describe(e); });
  });
  $<HTMLFormElement>("totp-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void api("/api/me/totp/enable", { method: "POST", json: { code: $<HTMLInputElement>("totp-code").value.trim() } }).then(() => {
      $("totp-setup").hidden = true;
      $("totp-result").textContent = t("account.totpEnabled");
      me = { ...me, twoFactorEnabled: true };
      showTotp();
    }).catch((e: unknown) => { $("totp-result").textContent = describe(e); });
  });

  $<HTMLFormElement>("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    $("token-result").textContent = "";
    void api<{ id: number; token: string; expiresAt: string }>("/api/me/tokens", {
      method: "POST", json: { name: $<HTMLInputElement>("token-name").value.trim(), days: Number($<HTMLInputElement>("token-days").value) },
    }).then((created) => {
      $("new-token-value").textContent = created.token;
      $("new-token").hidden = false;
      $<HTMLInputElement>("token-name").value = "";
      return loadTokens();
    }).catch((e: unknown) => { $("token-result").textContent = describe(e); });
  });
  // The submit buttons are disabled in the HTML until their handlers are attached (no native submit of a password).
  document.querySelectorAll<HTMLButtonElement>("form button[type=submit]").forEach((button) => { button.disabled = false; });

  if (me.isDevice) {
    document.querySelectorAll("form, #totp-start").forEach((el) => el.setAttribute("hidden", ""));
    $("totp-state").textContent = t("account.device");
    return;
  }
  await loadTokens();
}

async function loadTokens(): Promise<void> {
  const tokens = await api<TokenView[]>("/api/me/tokens");
  const body = document.querySelector<HTMLTableSectionElement>("#tokens tbody")!;
  body.replaceChildren();
  if (tokens.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 5;
    cell.textContent = t("account.none");
    return;
  }
  for (const token of tokens) {
    const row = body.insertRow();
    row.dataset.testid = "token-row";
    const expired = Date.parse(token.expiresAt) < Date.now();
    for (const text of [token.name, when(token.createdAt), when(token.expiresAt), t(token.revoked ? "account.revoked" : expired ? "account.expired" : "account.active")])
      row.insertCell().textContent = text;
    const actions = row.insertCell();
    if (!token.revoked) {
      const revoke = document.createElement("button");
      revoke.type = "button";
      revoke.textContent = t("account.revoke");
      revoke.setAttribute("aria-label", fill(t("account.revokeLabel"), { name: token.name }));
      revoke.addEventListener("click", () => {
        void api(`/api/me/tokens/${token.id}`, { method: "DELETE" }).then(loadTokens).catch((e: unknown) => { $("token-result").textContent = describe(e); });
      });
      actions.append(revoke);
    }
  }
}

main().catch((e: unknown) => { $("token-result").textContent = describe(e); });
