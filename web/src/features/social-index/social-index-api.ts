/**
 * The Analysen page's view of the API: the types of stored indices, runs, comparisons and
 * typologies, inferred from the zod contracts (src/contracts/social-index.ts), and the query
 * keys they are cached under. Every key starts with the workspace after "analyses", so that a
 * committed import (which refreshes everything of its workspace) marks runs as outdated.
 */
import type { z } from "zod";
import type {
  comparisonDto,
  indexDto,
  indexListDto,
  indexRunDto,
  runListDto,
  savedIndexDto,
  typologyRequest,
  typologyResultDto,
} from "@contracts/social-index.ts";

export type IndexList = z.infer<typeof indexListDto>;
export type IndexSummary = IndexList["indices"][number];
export type IndexDetail = z.infer<typeof indexDto>;
export type SavedIndex = z.infer<typeof savedIndexDto>;
export type IndexRun = z.infer<typeof indexRunDto>;
export type RunArea = IndexRun["areas"][number];
export type RunSummary = z.infer<typeof runListDto>["runs"][number];
export type Comparison = NonNullable<z.infer<typeof comparisonDto>["comparison"]>;
export type TypologyRequest = z.input<typeof typologyRequest>;
export type TypologyResult = z.infer<typeof typologyResultDto>;

export const analysesKeys = {
  indices: (ws: string) => ["analyses", ws, "indices"] as const,
  index: (ws: string, code: string) => ["analyses", ws, "index", code] as const,
  runs: (ws: string, code: string) => ["analyses", ws, "runs", code] as const,
  run: (ws: string, id: number) => ["analyses", ws, "run", id] as const,
  comparison: (ws: string, id: number, other: number | undefined) =>
    ["analyses", ws, "comparison", id, other ?? null] as const,
  typology: (ws: string, request: TypologyRequest) =>
    ["analyses", ws, "typology", request] as const,
};
