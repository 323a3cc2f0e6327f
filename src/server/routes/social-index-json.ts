/**
 * The social index's stored versions and runs as the response schemas type them
 * (contracts/social-index.ts): ISO times, plain arrays.
 */
import type { IndexDefinition } from "../../core/social-index/definition.ts";
import type { IndexRunSummary, IndexRunView } from "../../services/social-index/index-runs.ts";
import type { IndexVersion } from "../../services/social-index/index-definitions.ts";

/** The definition with plain arrays, as the response schema types it. */
const definitionJson = (d: IndexDefinition) => ({
  ...d,
  status: [...d.status],
  dynamics: [...d.dynamics],
  context: [...d.context],
  statusClasses: [...d.statusClasses],
  dynamicsClasses: [...d.dynamicsClasses],
  exclusions: { ...d.exclusions, manual: [...d.exclusions.manual] },
});
export const versionJson = (v: IndexVersion) => ({
  ...v,
  definition: definitionJson(v.definition),
  createdAt: v.createdAt.toISOString(),
});
export const summaryJson = (r: IndexRunSummary) => ({ ...r, createdAt: r.createdAt.toISOString() });
export const runJson = (r: IndexRunView) => ({
  ...summaryJson(r),
  index: versionJson(r.index),
  moments: [...r.moments],
  areas: [...r.areas],
  method: {
    ...r.method,
    paragraphs: [...r.method.paragraphs],
    indicators: [...r.method.indicators],
    classes: [...r.method.classes],
  },
  outdated: r.outdated,
});
