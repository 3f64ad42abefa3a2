// Quiz counts typed on the kiosk (docs/kiosk.md "Controls"): a facilitator counts hands per option
// and types the numbers. The old page redrew the quiz from every lesson-state refresh, so another
// room's question wiped the counts being typed. Here drafts are kept per quiz id and a refresh
// only adds drafts for newly opened quizzes and drops those of closed ones. Framework-free (Vitest).

export interface KioskQuiz {
  id: string;
  prompt: string;
  options: string[];
  open: boolean;
}

/** What the facilitator has typed for one quiz, and whether it has been sent. */
export interface QuizDraft {
  counts: number[];
  sent: boolean;
}

export type QuizDrafts = Record<string, QuizDraft>;

/**
 * The drafts after a new lesson state: every open quiz has one (existing ones untouched, by
 * identity, so inputs bound to them keep their values); drafts of quizzes no longer open are dropped.
 */
export function mergeQuizDrafts(drafts: QuizDrafts, quizzes: readonly KioskQuiz[]): QuizDrafts {
  const next: QuizDrafts = {};
  for (const quiz of quizzes) {
    if (!quiz.open) continue;
    const existing = drafts[quiz.id];
    next[quiz.id] = existing && existing.counts.length === quiz.options.length
      ? existing
      : { counts: quiz.options.map(() => 0), sent: false };
  }
  return next;
}

/** The quiz the kiosk shows: the most recently opened one still open. */
export function currentQuiz(quizzes: readonly KioskQuiz[]): KioskQuiz | null {
  return quizzes.filter((q) => q.open).at(-1) ?? null;
}

/** Counts as the hub takes them: whole, non-negative numbers (an empty box is 0). */
export function cleanCounts(counts: readonly (number | string | null | undefined)[]): number[] {
  return counts.map((c) => {
    const n = typeof c === "number" ? c : Number(c ?? 0);
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  });
}
