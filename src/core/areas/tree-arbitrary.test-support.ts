import fc from "fast-check";
import type { AreaInput } from "./area-tree.ts";

/**
 * A fast-check arbitrary for valid area lists (test support only): area `i > 0` hangs below a
 * random earlier area, or is a further root when `allowForest` is set; levels grow by one or
 * two per step down, so level gaps (city → statistical district) are covered too.
 */
export function areaListArbitrary(options: {
  minAreas?: number;
  maxAreas: number;
  allowForest?: boolean;
}): fc.Arbitrary<AreaInput[]> {
  const { minAreas = 1, maxAreas, allowForest = false } = options;
  return fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2 }), fc.boolean()), {
      minLength: minAreas,
      maxLength: maxAreas,
    })
    .map((draws) => {
      const areas: AreaInput[] = [];
      draws.forEach(([pick, step, newRoot], i) => {
        if (i === 0 || (allowForest && newRoot && pick % 5 === 0)) {
          areas.push({ code: `A${i}`, parentCode: null, level: 0 });
          return;
        }
        const parent = areas[pick % i]!;
        areas.push({ code: `A${i}`, parentCode: parent.code, level: parent.level + step });
      });
      return areas;
    });
}
