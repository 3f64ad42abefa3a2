// Admin → Devices: enrol a classroom PC by the pairing code it shows, list a school's devices,
// revoke one (which also ends its live hub and media sessions on the server).
import { api, describe } from "../shared/api.js";
import { currentLocale, fill, registerTexts, t } from "../shared/i18n.js";

registerTexts("zh-CN", {
  "admin.devices": "设备", "admin.devicesHelp": "教室电脑打开 /classroom.html 后会显示一个配对码。选择它所在的教室，输入屏幕上的代码即可登记。",
  "admin.deviceClassroom": "教室", "admin.deviceCode": "配对码", "admin.deviceName": "设备名称", "admin.deviceNameHint": "如：三年级一班投影电脑",
  "admin.enrolDevice": "登记设备", "admin.deviceSchool": "查看学校的设备", "admin.deviceCreated": "登记时间", "admin.deviceBy": "登记人",
  "admin.deviceState": "状态", "admin.deviceActive": "使用中", "admin.deviceRevoked": "已吊销", "admin.revoke": "吊销",
  "admin.revokeLabel": "吊销设备 {name}", "admin.revokeConfirm": "吊销设备“{name}”？它将立即断开，需要重新配对。",
  "admin.enrolled": "已登记“{name}”（{room}）。教室屏幕会自动进入课堂页面。", "admin.noDevices": "这所学校还没有登记设备。",
  "admin.grade": "{grade}年级",
});
registerTexts("en", {
  "admin.devices": "Devices", "admin.devicesHelp": "A classroom PC that opens /classroom.html shows a pairing code. Pick its classroom and type the code from its screen to enrol it.",
  "admin.deviceClassroom": "Classroom", "admin.deviceCode": "Pairing code", "admin.deviceName": "Device name", "admin.deviceNameHint": "e.g. Grade 3 class 1 projector PC",
  "admin.enrolDevice": "Enrol device", "admin.deviceSchool": "Devices of school", "admin.deviceCreated": "Enrolled", "admin.deviceBy": "Enrolled by",
  "admin.deviceState": "State", "admin.deviceActive": "active", "admin.deviceRevoked": "revoked", "admin.revoke": "Revoke",
  "admin.revokeLabel": "Revoke device {name}", "admin.revokeConfirm": "Revoke the device “{name}”? It is cut off at once and has to pair again.",
  "admin.enrolled": "Enrolled “{name}” ({room}). The classroom screen moves on by itself.", "admin.noDevices": "This school has no enrolled devices yet.",
  "admin.grade": "grade {grade}",
});

interface School { id: number; name: string }
interface Classroom { id: number; schoolId: number; grade: number; className: string }
interface Device { id: number; name: string; kind: string; schoolId: number; classroomId: number | null; createdAt: string; enrolledBy: string; revoked: boolean }

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export async function setUpDevices(allianceId: number): Promise<void> {
  const schools = await api<School[]>(`/api/alliances/${allianceId}/schools`);
  const rooms = new Map<number, Classroom & { schoolName: string }>();
  const roomSelect = $<HTMLSelectElement>("device-classroom");
  const schoolSelect = $<HTMLSelectElement>("device-school");
  roomSelect.replaceChildren();
  schoolSelect.replaceChildren();
  for (const school of schools) {
    schoolSelect.append(new Option(school.name, String(school.id)));
    const group = document.createElement("optgroup");
    group.label = school.name;
    for (const room of await api<Classroom[]>(`/api/schools/${school.id}/classrooms`)) {
      rooms.set(room.id, { ...room, schoolName: school.name });
      group.append(new Option(`${school.name} ${room.className}`, String(room.id)));
    }
    if (group.children.length) roomSelect.append(group);
  }

  const list = async () => renderDevices(await api<Device[]>(`/api/schools/${schoolSelect.value}/devices`), rooms, list);
  schoolSelect.addEventListener("change", () => void list().catch(showResult));

  $<HTMLFormElement>("enrol-device").addEventListener("submit", (event) => {
    event.preventDefault();
    const room = rooms.get(Number(roomSelect.value));
    const code = $<HTMLInputElement>("device-code").value.trim().toUpperCase();
    const name = $<HTMLInputElement>("device-name").value.trim();
    void api<Device>(`/api/classrooms/${roomSelect.value}/devices`, { method: "POST", json: { code, name: name || null } })
      .then(async (device) => {
        showResult(fill(t("admin.enrolled"), { name: device.name, room: room ? `${room.schoolName} ${room.className}` : "" }));
        $<HTMLInputElement>("device-code").value = "";
        $<HTMLInputElement>("device-name").value = "";
        if (room) schoolSelect.value = String(room.schoolId);
        await list();
      })
      .catch(showResult);
  });
  if (schools.length) await list();
}

function showResult(message: unknown): void {
  const out = $("device-result");
  out.className = typeof message === "string" ? "" : "error";
  out.textContent = typeof message === "string" ? message : describe(message);
}

function renderDevices(devices: Device[], rooms: Map<number, Classroom & { schoolName: string }>, reload: () => Promise<void>): void {
  const body = document.querySelector<HTMLTableSectionElement>("#devices tbody")!;
  body.replaceChildren();
  if (devices.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 6;
    cell.textContent = t("admin.noDevices");
    return;
  }
  for (const device of devices) {
    const row = body.insertRow();
    row.dataset.testid = "device-row";
    row.dataset.device = String(device.id);
    const room = device.classroomId ? rooms.get(device.classroomId) : undefined;
    const created = new Date(device.createdAt).toLocaleString(currentLocale(), { dateStyle: "medium", timeStyle: "short" });
    for (const text of [device.name, room?.className ?? "—", created, device.enrolledBy, t(device.revoked ? "admin.deviceRevoked" : "admin.deviceActive")])
      row.insertCell().textContent = text;
    const actions = row.insertCell();
    if (device.revoked) continue;
    const revoke = document.createElement("button");
    revoke.type = "button";
    revoke.textContent = t("admin.revoke");
    revoke.setAttribute("aria-label", fill(t("admin.revokeLabel"), { name: device.name }));
    revoke.addEventListener("click", () => {
      if (!confirm(fill(t("admin.revokeConfirm"), { name: device.name }))) return;
      void api(`/api/devices/${device.id}`, { method: "DELETE" }).then(reload).catch(showResult);
    });
    actions.append(revoke);
  }
}
