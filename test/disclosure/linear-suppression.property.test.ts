/**
 * `suppressLinked` on random systems of relations, attacked by the independent solver: random
 * counts, random sums (total = Σ parts, also sharing cells as in cross tables) and random
 * relations with coefficients ±1 (as stock and flow). After suppression no withheld cell may
 * be determined, no relation may expose a small group and no small count may be shown.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  sumRelation,
  suppressLinked,
  type LinearRelation,
} from "../../src/core/disclosure/linear-suppression.ts";
import { CELL_FLAG } from "../../src/core/disclosure/secondary-suppression.ts";
import { ReaderKnowledge } from "../support/disclosure-attack.ts";

/**
 * A consistent random system: some counts drawn at random, then cells made from them — sums
 * of earlier cells (total = Σ parts, so cells are shared between sums as in cross tables) and
 * signed combinations (a stock from the one before plus entries minus exits) — so every
 * relation holds for the true counts and the reader needs no side knowledge.
 */
const system = fc
  .record({
    leaves: fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 40 })), {
      minLength: 3,
      maxLength: 8,
    }),
    made: fc.array(
      fc.record({
        parts: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 2, maxLength: 4 }),
        signed: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ leaves, made }) => {
    const values = [...leaves];
    const relations: LinearRelation[] = [];
    for (const m of made) {
      const chosen = new Map<number, number>();
      for (const [c, plus] of m.parts) chosen.set(c % values.length, m.signed && !plus ? -1 : 1);
      if (chosen.size < 2) continue;
      const value = [...chosen].reduce((sum, [c, sign]) => sum + sign * values[c]!, 0);
      if (value < 0) continue;
      const cell = values.length;
      values.push(value);
      relations.push({
        cells: [cell, ...chosen.keys()],
        coefficients: [1, ...[...chosen.values()].map((sign) => -sign)],
        additive: !m.signed,
      });
    }
    return { values, relations };
  });

describe("suppressLinked against the independent attacker", () => {
  it("property: nothing withheld is determined, no small group, no small count shown", () => {
    fc.assert(
      fc.property(system, ({ values, relations }) => {
        const r = suppressLinked({
          values,
          sensitive: values.map(() => true),
          relations,
          minCount: 3,
        });
        const reader = new ReaderKnowledge();
        values.forEach((v, i) =>
          reader.cell(`c${i}`, r.flags[i] === CELL_FLAG.PUBLISHED ? v : null),
        );
        for (const [k, rel] of relations.entries()) {
          reader.equation({
            terms: rel.cells.map((c, j) => ({ key: `c${c}`, coefficient: rel.coefficients[j]! })),
            additive: rel.additive,
            label: `r${k}`,
          });
        }
        const report = reader.attack({
          minCount: 3,
          sensitive: () => true,
          truth: (key) => values[Number(key.slice(1))],
        });
        expect(report.smallShown).toEqual([]);
        expect(report.smallGroups).toEqual([]);
        expect(report.determined).toEqual([]);
        // Only cells that had to go: every small count is withheld as primary.
        values.forEach((v, i) => {
          if (v > 0 && v < 3) expect(r.flags[i]).toBe(CELL_FLAG.PRIMARY);
        });
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it("protects a 2 × 2 table with margins by a rectangle of four cells", () => {
    // a b | a+b
    // c d | c+d
    // a+c b+d | total
    const [a, b, c, d] = [1, 7, 6, 9];
    const values = [a, b, c, d, a + b, c + d, a + c, b + d, a + b + c + d];
    const relations = [
      sumRelation(4, [0, 1]),
      sumRelation(5, [2, 3]),
      sumRelation(6, [0, 2]),
      sumRelation(7, [1, 3]),
      sumRelation(8, [4, 5]),
      sumRelation(8, [6, 7]),
    ];
    const r = suppressLinked({ values, sensitive: values.map(() => true), relations, minCount: 3 });
    const withheld = [...r.flags.keys()].filter((i) => r.flags[i] !== CELL_FLAG.PUBLISHED);
    expect(withheld).toEqual([0, 1, 2, 3]);
    expect(r.primaryCount).toBe(1);
    expect(r.secondaryCount).toBe(3);
  });
});
