// A solve job followed to its end: POST queues it (202), the job is polled every half second,
// its progress shown, and the finished week (or the failure in the person's language) returned.
import { ref } from "vue";
import { solveJob, startSolve, type SolveJob, type Week } from "../core/admin-api";

export function useSolveJob() {
  const job = ref<SolveJob | null>(null);
  const running = ref(false);

  async function follow(location: string): Promise<Week> {
    running.value = true;
    try {
      for (;;) {
        const j = await solveJob(location);
        job.value = j;
        if (j.state === "succeeded" && j.result) return j.result;
        if (j.state === "failed") throw new Error(j.error?.detail ?? j.error?.code ?? "failed");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      running.value = false;
    }
  }

  async function solve(allianceId: number, from: string, to: string): Promise<Week> {
    running.value = true;
    job.value = null;
    try {
      const queued = await startSolve(allianceId, from, to);
      job.value = queued;
      return await follow(`/api/alliances/${allianceId}/solve/${queued.id}`);
    } finally {
      running.value = false;
    }
  }

  return { job, running, solve, follow };
}
