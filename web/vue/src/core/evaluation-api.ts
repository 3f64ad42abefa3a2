// The lesson evaluation API (评课, docs/evaluation.md) through the shared api() helper.
import { api } from "../../../src/shared/api";

export interface RubricCriterion { key: string; label: string }
export interface EvaluationSheet { evaluatorName: string; scores: (number | null)[]; summary: string; updatedAt: string; mine: boolean }
export interface EvaluationComment { id: string; mediaTimeMs: number; text: string; evaluatorName: string; createdAt: string; mine: boolean }
export interface Evaluations {
  recordingId: string; rubric: RubricCriterion[]; averages: (number | null)[];
  sheets: EvaluationSheet[]; comments: EvaluationComment[]; canEvaluate: boolean;
}

const path = (id: string) => "/api/recordings/" + encodeURIComponent(id);

export const evaluationApi = {
  read: (id: string) => api<Evaluations>(path(id) + "/evaluations"),
  score: (id: string, scores: (number | null)[], summary: string) =>
    api<EvaluationSheet>(path(id) + "/evaluation", { method: "PUT", json: { scores, summary } }),
  comment: (id: string, commentId: string, mediaTimeMs: number, text: string) =>
    api<EvaluationComment>(path(id) + "/evaluation/comments", { method: "POST", json: { id: commentId, mediaTimeMs, text } }),
  remove: (id: string, commentId: string) =>
    api<void>(path(id) + "/evaluation/comments/" + encodeURIComponent(commentId), { method: "DELETE" }),
};
