// The admin console's place (district → alliance → school) and view: what the signed-in person may
// reach (core/admin-scope.ts), the alliances and schools to choose from, the choice remembered per
// person, and the view named in the location hash (#week, #schools …).
import { computed, ref, watch } from "vue";
import { api, type Me } from "../../../src/shared/api";
import type { Alliance, School } from "../core/admin-api";
import { allowedPlace, reachOf, rememberedPlace, rememberPlace, viewsFor, type Place, type View } from "../core/admin-scope";

export function useAdminPlace() {
  const me = ref<Me | null>(null);
  const alliances = ref<Alliance[]>([]);
  const schools = ref<School[]>([]);
  const place = ref<Place>({ allianceId: null, schoolId: null });
  const hashView = ref(location.hash.replace(/^#\/?/, "").split("?")[0]);

  const reach = computed(() => reachOf(me.value?.grants ?? []));
  const views = computed(() => viewsFor(reach.value, place.value));
  const view = computed<View | null>(() => (views.value.includes(hashView.value as View) ? (hashView.value as View) : views.value[0] ?? null));
  const alliance = computed(() => alliances.value.find((a) => a.id === place.value.allianceId) ?? null);
  const school = computed(() => schools.value.find((s) => s.id === place.value.schoolId) ?? null);

  addEventListener("hashchange", () => { hashView.value = location.hash.replace(/^#\/?/, "").split("?")[0]; });

  /** The alliances this person may read: every one for a district admin (GET /api/alliances filters by scope). */
  async function loadAlliances(): Promise<void> {
    alliances.value = reach.value.county || reach.value.alliances.length > 0 ? await api<Alliance[]>("/api/alliances") : [];
  }

  /** The schools to choose from: the alliance's, or a school admin's own ones (they may not list the alliance). */
  async function loadSchools(): Promise<void> {
    const allianceWide = reach.value.county || (place.value.allianceId != null && reach.value.alliances.includes(place.value.allianceId));
    if (place.value.allianceId != null && allianceWide) schools.value = await api<School[]>(`/api/alliances/${place.value.allianceId}/schools`);
    else schools.value = await Promise.all(reach.value.schools.map((s) => api<School>(`/api/schools/${s.schoolId}`)));
  }

  async function start(person: Me): Promise<void> {
    me.value = person;
    await loadAlliances();
    place.value = allowedPlace(reach.value, rememberedPlace(person), alliances.value.map((a) => a.id));
    await loadSchools();
    if (place.value.schoolId != null && !schools.value.some((s) => s.id === place.value.schoolId)) place.value = { ...place.value, schoolId: null };
    watch(place, async (p) => {
      rememberPlace(person, p);
      await loadSchools();
    }, { deep: true });
  }

  function choose(allianceId: number | null, schoolId: number | null): void {
    place.value = allowedPlace(reach.value, { allianceId, schoolId }, alliances.value.map((a) => a.id));
  }

  return { me, reach, alliances, schools, place, views, view, alliance, school, start, choose, loadAlliances, loadSchools };
}
