// The confirm-then-delete step of an admin list view (lead lessons, demand): the row being removed
// (its dialog is open while it is set), the server's refusal shown in that dialog, and "deleted …"
// in the view's notice, then the list read again.
import { ref, type Ref } from "vue";
import { describe } from "../../../src/shared/api";

export function useConfirmRemove<T>(remove: (row: T) => Promise<unknown>, deletedText: (row: T) => string, notice: Ref<string>, reload: () => Promise<void>) {
  const removing = ref(null) as Ref<T | null>;
  const removeError = ref("");

  async function confirmRemove(): Promise<void> {
    const row = removing.value;
    if (!row) return;
    removeError.value = "";
    try {
      await remove(row);
      notice.value = deletedText(row);
      removing.value = null;
      await reload();
    } catch (e) {
      removeError.value = describe(e);
    }
  }

  return { removing, removeError, confirmRemove };
}
