// Admin → Audit log (district admins and auditors): who did what, from where, with what outcome;
// filters and a CSV export. Reading it is itself audited by the server.
import { api, describe } from "../shared/api.js";
import { currentLocale, registerTexts, t } from "../shared/i18n.js";

registerTexts("zh-CN", {
  "admin.audit": "审计日志", "admin.auditSubject": "用户", "admin.auditAction": "操作", "admin.auditFrom": "从", "admin.auditTo": "至",
  "admin.auditSearch": "查询", "admin.auditCsv": "导出 CSV", "admin.auditAt": "时间", "admin.auditClient": "客户端地址",
  "admin.auditTarget": "对象", "admin.auditOutcome": "结果", "admin.auditNone": "没有符合条件的记录。",
});
registerTexts("en", {
  "admin.audit": "Audit log", "admin.auditSubject": "Who", "admin.auditAction": "Action", "admin.auditFrom": "From", "admin.auditTo": "To",
  "admin.auditSearch": "Search", "admin.auditCsv": "Export CSV", "admin.auditAt": "When", "admin.auditClient": "Client address",
  "admin.auditTarget": "Target", "admin.auditOutcome": "Outcome", "admin.auditNone": "No matching entries.",
});

interface AuditRow { id: number; at: string; subject: string; name: string; scope: string; clientAddress: string; action: string; target: string; outcome: string; status: number }

const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value.trim();

function query(): URLSearchParams {
  const q = new URLSearchParams();
  if (value("audit-subject")) q.set("subject", value("audit-subject"));
  if (value("audit-action")) q.set("action", value("audit-action"));
  // Dates are the alliance's days (Shanghai): from its midnight to the next one after "to".
  if (value("audit-from")) q.set("from", `${value("audit-from")}T00:00:00+08:00`);
  if (value("audit-to")) q.set("to", new Date(Date.parse(`${value("audit-to")}T00:00:00+08:00`) + 86_400_000).toISOString());
  return q;
}

async function search(): Promise<void> {
  const q = query();
  const csv = new URLSearchParams(q);
  csv.set("format", "csv");
  (document.getElementById("audit-csv") as HTMLAnchorElement).href = "/api/audit?" + csv.toString();
  const body = document.querySelector<HTMLTableSectionElement>("#audit tbody")!;
  const rows = await api<AuditRow[]>("/api/audit?" + q.toString());
  body.replaceChildren();
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 6;
    cell.textContent = t("admin.auditNone");
  }
  for (const r of rows) {
    const row = body.insertRow();
    row.dataset.testid = "audit-row";
    const when = new Date(r.at).toLocaleString(currentLocale(), { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });
    for (const text of [when, r.name ? `${r.name} (${r.subject})` : r.subject, r.clientAddress, r.action, r.target, `${r.outcome} ${r.status}`])
      row.insertCell().textContent = text;
  }
}

export function setUpAudit(): void {
  const section = document.getElementById("audit-section")!;
  section.hidden = false;
  document.getElementById("audit-form")!.addEventListener("submit", (event) => {
    event.preventDefault();
    void search().catch((e: unknown) => { document.getElementById("error")!.textContent = describe(e); });
  });
  void search().catch((e: unknown) => { document.getElementById("error")!.textContent = describe(e); });
}
