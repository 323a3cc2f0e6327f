/**
 * The chart colours and dot shapes live in src/core/figures, because the report figures drawn
 * without a browser use the same ones; the web app's charts keep importing them from here.
 */
export * from "@core/figures/chart-colours.ts";
