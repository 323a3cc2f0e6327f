/**
 * The key findings as the planner decides about them: each generated finding (the draft's
 * `findings`, before any decision) with what was decided (the report's `decisions`): kept as
 * generated, said otherwise, or dropped.
 */
import type { DecisionChange, FindingDecision } from "./reports-api.ts";

export type FindingState = "kept" | "edited" | "dropped";

export interface FindingRow {
  readonly id: string;
  /** The sentence as the rules wrote it. */
  readonly generated: string;
  /** The sentence as the report prints it (the edited text), or the generated one. */
  readonly text: string;
  readonly state: FindingState;
}

export function findingRows(
  generated: readonly { readonly id: string; readonly text: string }[],
  decisions: Readonly<Record<string, FindingDecision>>,
): FindingRow[] {
  return generated.map((f) => {
    const d = decisions[f.id];
    if (d === undefined) return { id: f.id, generated: f.text, text: f.text, state: "kept" };
    if ("drop" in d) return { id: f.id, generated: f.text, text: f.text, state: "dropped" };
    return { id: f.id, generated: f.text, text: d.text, state: "edited" };
  });
}

/**
 * The body of `PUT …/findings` for one finding: keep (forgets an earlier decision), drop, or
 * a new text (null when it is empty; the generated text again means keep).
 */
export function decisionFor(
  row: FindingRow,
  action: "keep" | "drop" | { text: string },
): Record<string, DecisionChange> | null {
  if (action === "keep") return { [row.id]: { keep: true } };
  if (action === "drop") return { [row.id]: { drop: true } };
  const text = action.text.trim();
  if (text === "") return null;
  if (text === row.generated.trim()) return { [row.id]: { keep: true } };
  return { [row.id]: { text } };
}
