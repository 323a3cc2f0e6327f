/**
 * A map of the Analysen page: the outlines of one level (loaded as the atlas loads them) drawn
 * by the atlas's ChoroplethMap with a fill per area, areas without a class hatched, and dark
 * outlines that keep 3:1 against every fill of the analysis palettes. The map is a picture;
 * its content is in the legend and the table beside it.
 */
import { useLevelOutlines } from "../../lib/catalogue-queries.ts";
import { lazy, Suspense } from "react";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { AREA_OUTLINE } from "@core/figures/bivariate-colours.ts";

const ChoroplethMap = lazy(() =>
  import("../../ui/ChoroplethMap.tsx").then((m) => ({ default: m.ChoroplethMap })),
);

export function AnalysisMap(props: {
  readonly workspace: string;
  readonly level: string;
  readonly fills: ReadonlyMap<string, string>;
  /** Areas drawn hatched (left out of the index or the typology). */
  readonly hatched: ReadonlySet<string>;
  /** The text alternative of the map. */
  readonly label: string;
  /** What the map shows; set as `data-drawn` once drawn (browser tests wait for it). */
  readonly drawnKey: string;
  readonly onSelect?: (code: string) => void;
}) {
  const outlines = useLevelOutlines(props.workspace, props.level);
  if (outlines.isError) {
    return <ErrorState error={outlines.error} retry={() => void outlines.refetch()} />;
  }
  if (!outlines.data) return <Loading />;
  return (
    <Suspense fallback={<Loading />}>
      <ChoroplethMap
        areas={outlines.data}
        fills={props.fills}
        withheld={props.hatched}
        label={props.label}
        tiles={null}
        outline={AREA_OUTLINE}
        drawnKey={props.drawnKey}
        {...(props.onSelect ? { onSelect: props.onSelect } : {})}
      />
    </Suspense>
  );
}
