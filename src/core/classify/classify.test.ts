import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { known, missing, suppressed, type Value } from "../value.ts";
import {
  classify,
  classOfValue,
  MAX_CLASSES,
  type ClassMethod,
  type Classification,
} from "./classify.ts";
import { roundToDecimals } from "../rounding.ts";
import { legendLabels } from "./legend.ts";

const k = (x: number): Value<number> => known(x);
const ks = (xs: readonly number[]): Value<number>[] => xs.map(k);

function classified(
  values: readonly Value<number>[],
  method: ClassMethod,
  classes: number,
  decimals?: number,
): Classification {
  const r = classify(values, method, classes, decimals === undefined ? {} : { decimals });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function errorOf(values: readonly Value<number>[], method: ClassMethod, classes: number): string {
  const r = classify(values, method, classes);
  if (r.ok) throw new Error("expected an error");
  return r.error;
}

const QUANTILE: ClassMethod = { kind: "quantile" };
const EQUAL: ClassMethod = { kind: "equal_interval" };
const NATURAL: ClassMethod = { kind: "natural_breaks" };
const STD_DEV: ClassMethod = { kind: "std_dev" };

/** Within-class sum of squares of a classification, from its class assignment. */
function withinSsq(xs: readonly number[], classOf: readonly (number | null)[]): number {
  const groups = new Map<number, number[]>();
  xs.forEach((x, i) => {
    const c = classOf[i];
    if (c === null || c === undefined) return;
    groups.set(c, [...(groups.get(c) ?? []), x]);
  });
  let total = 0;
  for (const g of groups.values()) {
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    total += g.reduce((a, x) => a + (x - mean) ** 2, 0);
  }
  return total;
}

/** The least within-cluster sum of squares over every assignment of `xs` to `k` labels. */
function bruteForceSsq(xs: readonly number[], k: number): number {
  let best = Number.POSITIVE_INFINITY;
  const labels = new Array<number>(xs.length).fill(0);
  const visit = (i: number): void => {
    if (i === xs.length) {
      best = Math.min(best, withinSsq(xs, labels));
      return;
    }
    for (let c = 0; c < k; c++) {
      labels[i] = c;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

describe("classify: the boundary rule", () => {
  it("puts a value equal to a break into the lower class, the minimum into class 0", () => {
    // Equal intervals of width 2 over [0, 10]: breaks 2, 4, 6, 8, 10.
    const c = classified(ks([0, 2, 5, 7, 10, 8, 4]), EQUAL, 5);
    expect(c.lower).toBe(0);
    expect(c.breaks).toEqual([2, 4, 6, 8, 10]);
    expect(c.classOf).toEqual([0, 0, 2, 3, 4, 3, 1]);
    expect(c.counts).toEqual([2, 1, 1, 2, 1]);
  });

  it("looks up further values with the same rule, exactly like the classified ones", () => {
    const withDecimals = classified(ks([0, 10]), EQUAL, 2, 1);
    expect([5, 5.000001, 5.04].map((x) => classOfValue(withDecimals, x))).toEqual([0, 1, 1]);

    const c = classified(ks([0, 10]), EQUAL, 2);
    expect([0, 5, 5.000001, 10, -0.1, 10.1, Number.NaN].map((x) => classOfValue(c, x))).toEqual([
      0,
      0,
      1,
      1,
      null,
      null,
      null,
    ]);
  });
});

describe("classify: quantiles", () => {
  it("splits ten distinct values 4 / 3 / 3 at the values of rank ⌈i·n/k⌉", () => {
    const c = classified(ks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), QUANTILE, 3);
    expect(c.breaks).toEqual([4, 7, 10]);
    expect(c.counts).toEqual([4, 3, 3]);
    expect(c.notes).toEqual([]);
  });

  it("never splits ties and merges the breaks that fall together", () => {
    // n = 8, k = 4: ideal ranks 2, 4, 6; the four 1s straddle ranks 2 and 4.
    const c = classified(ks([1, 1, 1, 1, 2, 3, 4, 5]), QUANTILE, 4);
    expect(c.breaks).toEqual([1, 3, 5]);
    expect(c.counts).toEqual([4, 2, 2]);
    expect(c.notes).toEqual([
      {
        code: "breaks_merged",
        message: "Zusammenfallende Klassengrenzen wurden zusammengelegt: 3 statt 4 Klassen.",
      },
    ]);
  });

  it("sends a group of ties to the side nearer the ideal rank", () => {
    // Ideal ranks 2, 4, 6. The five 9s span ranks 4–8: rank 4 ends the class before them
    // (one rank off instead of four), rank 6 after them, at the maximum, which is dropped.
    const c = classified(ks([1, 2, 3, 9, 9, 9, 9, 9]), QUANTILE, 4);
    expect(c.breaks).toEqual([2, 3, 9]);
    expect(c.counts).toEqual([2, 1, 5]);
  });

  it("property: without ties, class sizes differ by at most one", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: MAX_CLASSES }),
        (xs, classes) => {
          const c = classified(ks(xs), QUANTILE, classes);
          expect(c.breaks.length).toBe(Math.min(classes, xs.length));
          expect(Math.max(...c.counts) - Math.min(...c.counts)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("classify: equal intervals", () => {
  it("divides [min, max] into classes of equal width, empty ones included", () => {
    const c = classified(ks([-5, 15, 0, 14]), EQUAL, 4);
    expect(c.lower).toBe(-5);
    expect(c.breaks).toEqual([0, 5, 10, 15]);
    expect(c.counts).toEqual([2, 0, 0, 2]);
  });

  it("does not overflow on extreme ranges", () => {
    const c = classified(ks([-Number.MAX_VALUE, Number.MAX_VALUE]), EQUAL, 2);
    expect(c.breaks).toEqual([0, Number.MAX_VALUE]);
  });
});

describe("classify: natural breaks (ckmeans)", () => {
  it("reproduces the example of the Ckmeans.1d.dp test suite", () => {
    // Ckmeans.1d.dp (CRAN), tests/testthat/test_Ckmeans.1d.dp.R, "Given the number of
    // clusters": sizes 4, 3, 3; centres −1, 2, 5; within-cluster sums of squares 0, 0, 2.
    const xs = [-1, 2, -1, 2, 4, 5, 6, -1, 2, -1];
    const c = classified(ks(xs), NATURAL, 3);
    expect(c.lower).toBe(-1);
    expect(c.breaks).toEqual([-1, 2, 6]);
    expect(c.counts).toEqual([4, 3, 3]);
    expect(c.classOf).toEqual([1, 2, 1, 2, 3, 3, 3, 1, 2, 1].map((x) => x - 1));
    expect(withinSsq(xs, c.classOf)).toBe(2);
  });

  it("finds the obvious groups of a hand-checked example", () => {
    // {0, 1} {5, 6} {20}: SSQ 0.5 + 0.5 + 0 = 1. The next best runs, {0} {1, 5, 6} {20} and
    // {0, 1, 5} {6} {20}, cost 14 each.
    const c = classified(ks([20, 0, 6, 1, 5]), NATURAL, 3);
    expect(c.breaks).toEqual([1, 6, 20]);
    expect(c.classOf).toEqual([2, 0, 1, 0, 1]);
  });

  it("property: no assignment of the values to k classes has a smaller within-class SSQ", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -20, max: 20 }),
            fc.double({ min: -100, max: 100, noNaN: true }),
          ),
          { minLength: 1, maxLength: 7 },
        ),
        fc.integer({ min: 1, max: 4 }),
        (xs, classes) => {
          const c = classified(ks(xs), NATURAL, classes);
          const ours = withinSsq(xs, c.classOf);
          const best = bruteForceSsq(xs, classes);
          expect(ours).toBeLessThanOrEqual(best + 1e-9 * (1 + best));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("classify: standard deviations", () => {
  // Mean 5, population standard deviation 2.
  const xs = [2, 4, 4, 4, 5, 5, 7, 9];

  it("centres a class of one standard deviation on the mean", () => {
    // Candidate breaks 5 + (j − ½)·2 = 2, 4, 6, 8 for j = −1 … 2; all lie in [2, 9).
    const c = classified(ks(xs), STD_DEV, 5);
    expect(c.breaks).toEqual([2, 4, 6, 8, 9]);
    expect(c.counts).toEqual([1, 3, 2, 1, 1]);
    expect(c.centre).toEqual({ mean: 5, standardDeviation: 2, classIndex: 2 });
  });

  it("lets the data decide how many of the allowed bands become classes", () => {
    expect(classified(ks(xs), STD_DEV, 3).breaks).toEqual([4, 6, 9]);
    // Nine classes allowed (±3.5 sd), but the data end within ±2.5 sd.
    expect(classified(ks(xs), STD_DEV, 9).breaks).toEqual([2, 4, 6, 8, 9]);
    // An even maximum rounds down to an odd number of bands around the middle class.
    expect(classified(ks(xs), STD_DEV, 4).breaks).toEqual([4, 6, 9]);
  });

  it("handles skewed data: the mean's class may be the lowest", () => {
    // Mean 10, sd 30: the middle class reaches down to −5, below the minimum.
    const c = classified(ks([0, 0, 0, 0, 0, 0, 0, 0, 0, 100]), STD_DEV, 9);
    expect(c.breaks).toEqual([25, 55, 85, 100]);
    expect(c.centre?.classIndex).toBe(0);
  });
});

describe("classify: manual breaks", () => {
  const xs = ks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  it("uses the inner breaks as given; the outer classes reach the data's ends", () => {
    const c = classified(xs, { kind: "manual", breaks: [3, 7] }, 3);
    expect(c.lower).toBe(1);
    expect(c.breaks).toEqual([3, 7, 10]);
    expect(c.counts).toEqual([3, 4, 3]);
  });

  it("keeps empty classes", () => {
    const c = classified(xs, { kind: "manual", breaks: [3, 3.5, 7] }, 4);
    expect(c.counts).toEqual([3, 0, 4, 3]);
  });

  it("keeps breaks beyond the data as empty, open classes (one legend for several periods)", () => {
    const c = classified(xs, { kind: "manual", breaks: [-2, 0, 5, 10, 12] }, 6, 1);
    expect(c.lower).toBe(-Infinity);
    expect(c.breaks).toEqual([-2, 0, 5, 10, 12, Infinity]);
    expect(c.counts).toEqual([0, 0, 5, 5, 0, 0]);
    expect(c.classOf).toEqual([2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(legendLabels(c, 1)).toEqual([
      "bis -2,0",
      "über -2,0 bis 0,0",
      "über 0,0 bis 5,0",
      "über 5,0 bis 10,0",
      "über 10,0 bis 12,0",
      "über 12,0",
    ]);
  });

  it.each<[string, readonly number[], number, string]>([
    ["unsorted breaks", [7, 3], 3, "aufsteigend sortiert"],
    ["repeated breaks", [3, 3], 3, "nicht wiederholen"],
    ["a break that is not a number", [Number.NaN], 2, "müssen Zahlen sein"],
    ["a count of classes that does not fit", [3, 7], 4, "2 Grenzen ergeben 3 Klassen"],
  ])("refuses %s with a German message", (_name, breaks, classes, message) => {
    expect(errorOf(xs, { kind: "manual", breaks }, classes)).toContain(message);
  });
});

describe("classify: standard deviations with given breaks", () => {
  // Mean 5, standard deviation 2.
  const xs = ks([2, 4, 4, 4, 5, 5, 7, 9]);

  it("puts the breaks at mean + z · sd, keeping every band (the MSS classes)", () => {
    const c = classified(xs, { kind: "std_dev", breaks: [-1, 1, 1.5] }, 4);
    expect(c.breaks).toEqual([3, 7, 8, 9]);
    expect(c.classOf).toEqual([0, 1, 1, 1, 1, 1, 1, 3]);
    expect(c.centre).toEqual({ mean: 5, standardDeviation: 2, classIndex: 1 });
  });

  it("keeps a band beyond the data as an empty class", () => {
    const c = classified(xs, { kind: "std_dev", breaks: [-2, -1, 1] }, 4);
    expect(c.lower).toBe(-Infinity);
    expect(c.counts).toEqual([0, 1, 6, 1]);
  });

  it("refuses breaks that do not fit the number of classes", () => {
    expect(errorOf(xs, { kind: "std_dev", breaks: [1, -1] }, 3)).toContain(
      "Standardabweichungs-Grenzen müssen aufsteigend sortiert sein",
    );
    expect(errorOf(xs, { kind: "std_dev", breaks: [-1, 1] }, 4)).toContain("ergeben 3 Klassen");
  });
});

describe("classify: special cases", () => {
  it.each<[string, ClassMethod]>([
    ["quantile", QUANTILE],
    ["equal_interval", EQUAL],
    ["natural_breaks", NATURAL],
    ["std_dev", STD_DEV],
  ])("gives one class when all values are equal (%s)", (_name, method) => {
    const c = classified(ks([4.5, 4.5, 4.5]), method, 5);
    expect(c.lower).toBe(4.5);
    expect(c.breaks).toEqual([4.5]);
    expect(c.counts).toEqual([3]);
    expect(c.notes).toEqual([
      { code: "all_equal", message: "Alle Werte sind gleich: eine Klasse." },
    ]);
  });

  it("gives one class for a single value", () => {
    const c = classified([k(7), missing("no_data")], NATURAL, 4);
    expect(c.breaks).toEqual([7]);
    expect(c.classOf).toEqual([0, null]);
  });

  it.each<[string, ClassMethod]>([
    ["quantile", QUANTILE],
    ["equal_interval", EQUAL],
    ["natural_breaks", NATURAL],
  ])("reduces the classes to the distinct values and says so (%s)", (_name, method) => {
    const c = classified(ks([3, 3, 7, 7, 7]), method, 5);
    expect(c.breaks.length).toBe(2);
    expect(c.counts).toEqual([2, 3]);
    expect(c.requestedClasses).toBe(5);
    expect(c.notes).toEqual([
      { code: "fewer_distinct_values", message: "Nur 2 verschiedene Werte: 2 statt 5 Klassen." },
    ]);
  });

  it("counts withheld and missing values apart and gives them no class", () => {
    const values: Value<number>[] = [
      k(1),
      suppressed("small_count"),
      missing("no_data"),
      suppressed("secondary"),
      k(Number.NaN),
      k(Number.POSITIVE_INFINITY),
      missing("zero_denominator"),
      k(3),
    ];
    const c = classified(values, QUANTILE, 2);
    expect(c.classOf).toEqual([0, null, null, null, null, null, null, 1]);
    expect([c.classified, c.withheld, c.missing]).toEqual([2, 2, 4]);
  });

  it("refuses a map without any value to classify", () => {
    expect(errorOf([suppressed("small_count"), missing("no_data")], QUANTILE, 3)).toBe(
      "Keine Werte zum Klassifizieren: alle Werte fehlen oder sind gesperrt.",
    );
    expect(errorOf([], QUANTILE, 3)).toContain("Keine Werte");
  });

  it.each([0, 13, 2.5, Number.NaN])("refuses %s classes", (classes) => {
    expect(errorOf(ks([1, 2]), QUANTILE, classes)).toContain(
      "Die Zahl der Klassen muss eine ganze Zahl von 1 bis 12 sein",
    );
  });

  it("makes deciles, and up to 12 classes", () => {
    const values = ks(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(MAX_CLASSES).toBe(12);
    expect(classified(values, QUANTILE, 10).counts).toEqual(new Array(10).fill(10));
    expect(classified(values, QUANTILE, 12).breaks.length).toBe(12);
  });

  it("refuses decimals out of range", () => {
    const r = classify(ks([1, 2]), QUANTILE, 2, { decimals: 1.5 });
    expect(r.ok ? "" : r.error).toContain("Nachkommastellen");
  });
});

describe("classify: exact values, rounding for display only", () => {
  it("classifies the values as they are, not as they are shown", () => {
    // Shown with one decimal, 0.44 and 0.36 both read "0,4"; the quantile break is 0.36.
    const values = ks([0.1, 0.36, 0.44, 0.9]);
    const c = classified(values, QUANTILE, 2, 1);
    expect(c.classOf).toEqual([0, 0, 1, 1]);
    expect(c.breaks).toEqual([0.36, 0.9]);
    // Rounding first would have put 0.36 and 0.44 into one class: 0.1 0.4 0.4 | 0.9.
    const rounded = classified(ks([0.1, 0.4, 0.4, 0.9]), QUANTILE, 2);
    expect(rounded.classOf).toEqual([0, 0, 0, 1]);
  });

  it("writes each break as a short number between the neighbouring values as shown", () => {
    // Shown: 0,0 3,3 3,4 6,6 6,7 10,0. Exact thirds 3,33… and 6,66….
    const c = classified(ks([0, 3.33, 3.36, 6.6, 6.66, 10]), EQUAL, 3, 1);
    expect(c.classOf).toEqual([0, 0, 1, 1, 1, 2]);
    expect(c.breaks[0]).toBeCloseTo(10 / 3, 12);
    expect(c.labelDecimals).toBe(1);
    expect(c.labelBreaks).toEqual([3.3, 6.7, 10]);
    expect(c.notes).toEqual([]);
  });

  it("shows more decimals when values that look the same lie in different classes", () => {
    // 0.44 and 0.36 both show as "0,4" but lie in two classes: the break needs two places.
    const c = classified(ks([0.1, 0.36, 0.44, 0.9]), QUANTILE, 2, 1);
    expect(c.labelDecimals).toBe(2);
    expect(c.labelBreaks).toEqual([0.36, 0.9]);
    expect(legendLabels(c, 1)).toEqual(["0,10 bis 0,36", "über 0,36 bis 0,90"]);
    expect(c.notes.map((n) => n.code)).toEqual(["finer_breaks"]);
    expect(c.notes[0]!.message).toBe(
      "Die Klassengrenzen stehen mit 2 statt 1 Nachkommastellen da: Werte, die gerundet gleich aussehen, liegen in verschiedenen Klassen.",
    );
  });

  it("writes manual breaks as given, with the places they need", () => {
    const c = classified(ks([1, 2, 3]), { kind: "manual", breaks: [1.25] }, 2, 1);
    expect(c.labelBreaks).toEqual([1.25, 3]);
    expect(c.labelDecimals).toBe(2);
  });

  it("property: labels are exact for the values as shown, and the classes never depend on decimals", () => {
    fc.assert(
      fc.property(
        // Values with up to five places, as statistics publish them.
        fc.array(
          fc.integer({ min: -100_000_000, max: 100_000_000 }).map((x) => x / 100_000),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(QUANTILE, EQUAL, NATURAL, STD_DEV),
        fc.integer({ min: 1, max: MAX_CLASSES }),
        (raw, decimals, method, classes) => {
          const shown = classified(ks(raw), method, classes, decimals);
          const exact = classified(ks(raw), method, classes);
          expect(shown.classOf).toEqual(exact.classOf);
          expect(shown.breaks).toEqual(exact.breaks);
          const d = shown.labelDecimals!;
          const labels = shown.labelBreaks!;
          expect(d).toBeGreaterThanOrEqual(decimals);
          raw.forEach((x, i) => {
            const ci = shown.classOf[i]!;
            const v = roundToDecimals(x, d);
            if (ci < labels.length - 1) expect(v).toBeLessThanOrEqual(labels[ci]!);
            if (ci > 0) expect(v).toBeGreaterThan(labels[ci - 1]!);
          });
          for (const b of labels.slice(0, -1)) expect(roundToDecimals(b, d)).toBe(b);
        },
      ),
    );
  });
});

describe("classify: invariants", () => {
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -50, max: 50 }).map(k) },
    { weight: 3, arbitrary: fc.double().map(k) },
    { weight: 1, arbitrary: fc.constant<Value<number>>(missing("no_data")) },
    { weight: 1, arbitrary: fc.constant<Value<number>>(suppressed("small_count")) },
  );
  const method = fc.oneof(
    fc.constantFrom<ClassMethod>(QUANTILE, EQUAL, NATURAL, STD_DEV),
    fc
      .uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 5 })
      .map((b): ClassMethod => ({ kind: "manual", breaks: b.sort((x, y) => x - y) })),
  );

  it("property: one class per known value, counts add up, breaks ascend, classes match breaks", () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 50 }),
        method,
        fc.integer({ min: 1, max: MAX_CLASSES }),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        (values, m, requested, decimals) => {
          const classes = m.kind === "manual" ? m.breaks.length + 1 : requested;
          const r = classify(values, m, classes, decimals === undefined ? {} : { decimals });
          const usable = values.filter((v) => v.kind === "known" && Number.isFinite(v.value));
          if (!r.ok) {
            // Only an empty map may be refused.
            expect(usable).toEqual([]);
            return;
          }
          const c = r.value;
          const { breaks, lower, classOf, counts } = c;
          expect(classOf.length).toBe(values.length);
          expect(c.classified).toBe(usable.length);
          expect(c.classified + c.withheld + c.missing).toBe(values.length);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(c.classified);
          expect(breaks.length).toBe(counts.length);
          expect(breaks.length).toBeGreaterThanOrEqual(1);
          expect(breaks.length).toBeLessThanOrEqual(classes);
          // Only manual breaks beyond the data open the outer classes.
          const numbers = usable.map((v) => (v as { value: number }).value);
          if (m.kind === "manual" && lower === -Infinity) {
            expect(m.breaks[0]).toBeLessThan(Math.min(...numbers));
          } else {
            // (numeric equality: −0 and 0 are the same value here)
            expect(lower === Math.min(...numbers)).toBe(true);
            expect(lower).toBeLessThanOrEqual(breaks[0]!);
          }
          if (m.kind === "manual" && breaks[breaks.length - 1] === Infinity) {
            expect(m.breaks[m.breaks.length - 1]).toBeGreaterThanOrEqual(Math.max(...numbers));
          } else {
            expect(breaks[breaks.length - 1] === Math.max(...numbers)).toBe(true);
          }
          for (const b of breaks.slice(0, -1)) expect(Number.isFinite(b)).toBe(true);
          for (let i = 1; i < breaks.length; i++)
            expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);

          const tally = new Array<number>(counts.length).fill(0);
          values.forEach((v, i) => {
            const cls = classOf[i];
            if (v.kind !== "known" || !Number.isFinite(v.value)) {
              expect(cls).toBeNull();
              return;
            }
            expect(cls).not.toBeNull();
            const x = v.value;
            const ci = cls!;
            tally[ci]!++;
            expect(x).toBeLessThanOrEqual(breaks[ci]!);
            if (ci === 0) expect(x).toBeGreaterThanOrEqual(lower);
            else expect(x).toBeGreaterThan(breaks[ci - 1]!);
          });
          expect(tally).toEqual(counts);
          // Methods that reduce to the distinct values never leave a class empty.
          if (m.kind === "quantile" || m.kind === "natural_breaks") {
            for (const n of counts) expect(n).toBeGreaterThan(0);
          }
          if (m.kind === "std_dev") {
            expect(c.centre).not.toBeNull();
            const centre = c.centre!;
            expect(centre.classIndex).toBeGreaterThanOrEqual(0);
            expect(centre.classIndex).toBeLessThan(breaks.length);
          } else {
            expect(c.centre).toBeNull();
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
