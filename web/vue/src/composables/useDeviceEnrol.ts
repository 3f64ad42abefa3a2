// Enrolling a PC by the pairing code its screen shows, and revoking a device after a confirmation:
// the one flow of the devices view (a classroom PC, POST /api/classrooms/{id}/devices) and the
// studios view (a studio PC, POST /api/studios/{id}/devices). The code is checked and normalized
// before sending (normalizePairingCode); the server's refusal (code_unknown, 403) is its sentence
// in the page's language. `reload` refreshes the caller's list after a change.
import { ref } from "vue";
import { useI18n } from "vue-i18n";
import type { DeviceDeviceView } from "../../../src/generated/api";
import { api, describe } from "../../../src/shared/api";
import { normalizePairingCode } from "../core/admin-people";

export function useDeviceEnrol(reload: () => Promise<void>) {
  const { t } = useI18n();
  const result = ref("");
  const resultError = ref(false);
  const enrolling = ref(false);
  const revoking = ref<DeviceDeviceView | null>(null);

  /**
   * Enrols the device showing `typed` at `url`; `said` words the success. True when enrolled (the
   * caller then clears its form).
   */
  async function enrol(url: string, typed: string, name: string, said: (device: DeviceDeviceView) => string): Promise<boolean> {
    result.value = "";
    resultError.value = true;
    const code = normalizePairingCode(typed);
    if (!code) { result.value = t("people.dev.codeRule"); return false; }
    enrolling.value = true;
    try {
      const device = await api<DeviceDeviceView>(url, { method: "POST", json: { code, name: name.trim() || null } });
      resultError.value = false;
      result.value = said(device);
      await reload();
      return true;
    } catch (e) {
      result.value = describe(e);
      return false;
    } finally {
      enrolling.value = false;
    }
  }

  /** Revokes the device the confirmation dialog names (`revoking`). */
  async function revoke(): Promise<void> {
    const device = revoking.value;
    revoking.value = null;
    if (!device) return;
    try {
      await api(`/api/devices/${device.id}`, { method: "DELETE" });
      resultError.value = false;
      result.value = t("people.dev.revoked", { name: device.name });
      await reload();
    } catch (e) {
      resultError.value = true;
      result.value = describe(e);
    }
  }

  return { result, resultError, enrolling, revoking, enrol, revoke };
}
