/**
 * The atlas's colours and legend texts, taken from src/core/classify so that the browser, the
 * open-data map views and reports draw the same classes in the same colours.
 */
import type { Classification } from "@core/classify/classify.ts";
import { legendLabels } from "@core/classify/legend.ts";
import {
  classColours as coreClassColours,
  NO_DATA_STYLE,
  WITHHELD_STYLE,
} from "@core/classify/palette.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";

/** Fill of a withheld area on the WebGL map (the hatching is shown in the legend swatch). */
export const WITHHELD_FILL = WITHHELD_STYLE.fill;
export const NO_DATA_FILL = NO_DATA_STYLE.fill;

export function classColours(
  classification: Classification,
  polarity: IndicatorDto["polarity"],
): readonly string[] {
  return coreClassColours(classification, polarity).fills;
}

export function legendTexts(
  classification: Classification,
  decimals: number,
  locale: string,
): string[] {
  return legendLabels(classification, decimals, locale);
}
