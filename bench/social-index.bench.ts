/**
 * The social index engine (src/core/social-index/compute.ts) on 10,000 synthetic areas with 8
 * indicators (4 status, 4 dynamics) and on Berlin's 542 planning areas (MSS 2021, the test
 * fixture), against the same arithmetic written as a plain loop over typed arrays: z-scores
 * with the population SD, sums, the second standardisation, the class bands. The engine adds
 * validation, exclusions, per-area result objects and class counts. Target: within 2× of the
 * plain loop; 10,000 areas under 200 ms end to end (this bench: from values in memory; reading
 * the stored values comes with the index service).
 */
import { readFileSync } from "node:fs";
import { computeIndex, type IndexInputArea } from "../src/core/social-index/compute.ts";
import { MSS_DEFAULTS, type IndexDefinition } from "../src/core/social-index/definition.ts";
import { parseIndexDefinition } from "../src/contracts/social-index.ts";
import { readIndexInput } from "../src/imports/index-input.ts";
import { seededRandom } from "../src/core/statistics/kmeans.ts";
import { check, formatResult, line, machineLoad, median, ms } from "./lib/report.ts";

const RUNS = 21;

function syntheticInput(n: number): { definition: IndexDefinition; areas: IndexInputArea[] } {
  const random = seededRandom(2026);
  const status = ["S1", "S2", "S3", "S4"];
  const dynamics = ["D1", "D2", "D3", "D4"];
  const indicator = (code: string) =>
    ({ code, label: code, direction: "higher_is_worse", weight: 1 }) as const;
  const definition: IndexDefinition = {
    ...MSS_DEFAULTS,
    code: "synthetic",
    name: "Synthetischer Index",
    status: status.map(indicator),
    dynamics: dynamics.map(indicator),
  };
  const areas = Array.from({ length: n }, (_, i): IndexInputArea => {
    const level = random() * 30;
    return {
      code: `A${i}`,
      name: `Gebiet ${i}`,
      // About 2 % below the minimum of 300 inhabitants.
      population: Math.floor(200 + random() * 5000),
      values: Object.fromEntries([
        ...status.map((c) => [c, Math.max(0, level + random() * 10 - 5)]),
        ...dynamics.map((c) => [c, random() * 4 - 2]),
      ]),
    };
  });
  return { definition, areas };
}

/** The reference: the same arithmetic, plain loops over Float64Arrays, no checks, no objects. */
function plainLoop(definition: IndexDefinition, areas: readonly IndexInputArea[]): Int8Array {
  const min = definition.exclusions.minPopulation;
  const included = areas.filter((a) => (a.population ?? 0) >= min);
  const n = included.length;
  const classes = new Int8Array(n * 2);
  const dimension = (
    codes: readonly string[],
    bands: IndexDefinition["statusClasses"],
    slot: number,
  ) => {
    const sum = new Float64Array(n);
    for (const code of codes) {
      const x = new Float64Array(n);
      let mean = 0;
      for (let i = 0; i < n; i++) mean += x[i] = included[i]!.values[code]!;
      mean /= n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
      const sd = Math.sqrt(ss / n);
      for (let i = 0; i < n; i++) sum[i]! += (x[i]! - mean) / sd;
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += sum[i]!;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (sum[i]! - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) {
      const v = (sum[i]! - mean) / sd;
      let c = 0;
      while (c < bands.length - 1) {
        const b = bands[c]!;
        if (v < b.upTo! || (b.inclusive && v === b.upTo)) break;
        c++;
      }
      classes[i * 2 + slot] = c;
    }
  };
  dimension(
    definition.status.map((i) => i.code),
    definition.statusClasses,
    0,
  );
  dimension(
    definition.dynamics.map((i) => i.code),
    definition.dynamicsClasses,
    1,
  );
  return classes;
}

function measure(label: string, definition: IndexDefinition, areas: IndexInputArea[]) {
  const engine: number[] = [];
  const loop: number[] = [];
  let included = 0;
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    const result = computeIndex(definition, areas);
    engine.push(performance.now() - t);
    check(result.ok, `${label}: the engine computes`);
    included = result.value.included;
    t = performance.now();
    const classes = plainLoop(definition, areas);
    loop.push(performance.now() - t);
    check(classes.length === included * 2 || label.includes("Berlin"), `${label}: same areas`);
  }
  // The first runs warm the JIT; the median of all is what a user meets on the next call.
  const e = median(engine);
  const l = median(loop);
  console.log(`${label}: ${areas.length} areas, ${included} in the index, ${machineLoad()}`);
  line("engine (computeIndex), median", ms(e));
  line("plain loop over typed arrays, median", ms(l));
  line("ratio", (e / l).toFixed(2));
  return { e, l };
}

function main(): void {
  const big = syntheticInput(10_000);
  const synthetic = measure("synthetic", big.definition, big.areas);

  const definition = parseIndexDefinition(
    JSON.parse(readFileSync("examples/social-index/mss-2021.json", "utf8")),
  );
  check(definition.ok, "the MSS definition parses");
  const input = readIndexInput(
    readFileSync("test/fixtures/berlin-mss-2021/mss_2021_index_indikatoren.csv"),
    definition.value,
    { missing: ["-9999"] },
  );
  check(input.ok, "the Berlin table reads");
  // The reference loop knows no manual exclusions or missing values: give it the valid areas.
  const valid = input.value.filter(
    (a) => a.code !== "10100205" && Object.values(a.values).every((v) => v !== null),
  );
  const berlin = measure("Berlin MSS 2021", definition.value, valid);

  console.log(
    formatResult({
      name: "social_index_berlin_542",
      metric: "median",
      value: berlin.e,
      reference: berlin.l,
      unit: "ms",
      decimals: 2,
    }),
  );
  console.log(
    formatResult({
      name: "social_index_10000x8",
      metric: "median",
      value: synthetic.e,
      reference: synthetic.l,
      unit: "ms",
      decimals: 2,
    }),
  );
}

main();
