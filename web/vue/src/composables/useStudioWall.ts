// The room wall's state for the console (docs/studio.md "Room wall"): a RoomWall (core/studio-wall.ts)
// whose changes bump a version the tiles' computed values read.
import { onBeforeUnmount, ref, shallowRef } from "vue";
import { RoomWall } from "../core/studio-wall";

export function useStudioWall(lesson: string, token: () => Promise<string>) {
  const version = ref(0);
  const wall = shallowRef<RoomWall | null>(null);

  /** Starts the wall with this many room slots (once; the slots are fixed by the WHEP offer). */
  function start(slots: number): void {
    if (wall.value) return;
    const w = new RoomWall({ lesson, token, slots: Math.max(1, slots), onChange: () => { version.value++; } });
    wall.value = w;
    w.start();
  }

  onBeforeUnmount(() => wall.value?.stop());
  addEventListener("pagehide", () => wall.value?.stop());
  return { wall, version, start };
}
