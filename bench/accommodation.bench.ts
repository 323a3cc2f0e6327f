/**
 * The monthly occupancy statistic over 50,000 stays and 10 years (the synthetic history of
 * src/core/accommodation/synthetic.ts, scaled up), stored in a fresh database through the
 * product's service. Measured: one month's full statistic end to end (records read from the
 * database, prepared, counted: persons, households, places, entries, exits, lengths of stay,
 * composition, per facility, type and total), and all 120 months with the records read once.
 * Reference in the same run: one SQL query counting the persons housed on each of the 120
 * reference dates (the database doing the core of the same work). The product's totals are
 * checked against the reference's counts. Targets: one month under 200 ms, 120 months under
 * 3 s.
 */
import { sql } from "drizzle-orm";
import { dayNumber, isoDay, monthOf } from "../src/core/accommodation/days.ts";
import { syntheticAccommodation } from "../src/core/accommodation/synthetic.ts";
import { addFacilities } from "../src/services/accommodation/facilities.ts";
import { addRecords } from "../src/services/accommodation/stay-import.ts";
import { monthlyOccupancy, occupancySeries } from "../src/services/accommodation/statistic.ts";
import { SYSTEM_ACTOR } from "../src/services/audit.ts";
import { executeRows } from "../src/storage/db.ts";
import { applyCatalogueFile, withBenchDatabase } from "./lib/bench-database.ts";
import { check, formatResult, line, machineLoad, median, ms } from "./lib/report.ts";

const RUNS = 7;

await withBenchDatabase("pglite", "accommodation", async ({ ctx, db }) => {
  const ws = await applyCatalogueFile(ctx, {
    workspace: { slug: "belegung", name: "Belegungsstadt" },
    areaSystems: [],
    variables: [],
    indicators: [],
  });
  let t = performance.now();
  const data = syntheticAccommodation({
    seed: 11,
    start: "2016-01-01",
    months: 120,
    householdsPerMonth: 215,
    scale: 28,
  });
  console.log(
    `synthetic history: ${data.facilities.length} facilities, ${data.households.length} households, ${data.persons.length} persons, ${data.stays.length} stays (${ms(performance.now() - t)}), ${machineLoad()}`,
  );
  check(data.stays.length >= 45_000, "about 50,000 stays");
  t = performance.now();
  await addFacilities(
    ctx,
    ws,
    data.facilities.map((f) => ({
      ...f,
      address: null,
      areaCode: null,
      wheelchairAccess: false,
      familyRooms: false,
    })),
    SYSTEM_ACTOR,
  );
  await addRecords(ctx, ws, data, SYSTEM_ACTOR);
  console.log(
    `stored through the service (checked, one transaction): ${ms(performance.now() - t)}`,
  );

  const months = Array.from({ length: 120 }, (_, i) =>
    monthOf(2016 + Math.floor(i / 12), (i % 12) + 1),
  );

  // One month, end to end.
  const one: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    t = performance.now();
    await monthlyOccupancy(ctx, ws, "2021-06");
    one.push(performance.now() - t);
  }
  // All 120 months, the records read once.
  const all: number[] = [];
  let series: Awaited<ReturnType<typeof occupancySeries>> = [];
  for (let r = 0; r < 3; r++) {
    t = performance.now();
    series = await occupancySeries(ctx, ws, "2016-01", "2025-12");
    all.push(performance.now() - t);
  }
  // Reference: persons housed on each reference date, one SQL query.
  const dates = months.map((m) => isoDay(m.last));
  const query = sql`
    SELECT d::text AS day, count(s.id)::int AS persons
    FROM unnest(${`{${dates.join(",")}}`}::date[]) AS d
    LEFT JOIN stay s ON s.workspace_id = ${ws.id} AND s.entry <= d AND (s.exit IS NULL OR s.exit > d)
    GROUP BY d ORDER BY d`;
  const reference: number[] = [];
  let counts: { day: string; persons: number }[] = [];
  for (let r = 0; r < 3; r++) {
    t = performance.now();
    counts = await executeRows<{ day: string; persons: number }>(db.orm, query);
    reference.push(performance.now() - t);
  }
  check(counts.length === 120, "the reference counts 120 dates");
  series.forEach((s, i) => {
    check(s.referenceDate === counts[i]!.day, `reference date ${s.referenceDate}`);
    check(
      s.total.persons === counts[i]!.persons,
      `${s.month}: product ${s.total.persons} persons, SQL ${counts[i]!.persons}`,
    );
  });
  check(dayNumber(series.at(-1)!.referenceDate) !== null, "dates");
  // The one-month path reads only that month's stays: it must give the same figures.
  const june = await monthlyOccupancy(ctx, ws, "2021-06");
  check(
    JSON.stringify(june) === JSON.stringify(series[65]),
    "one month read alone equals the same month of the series",
  );

  const oneMonth = median(one);
  const allMonths = median(all);
  const ref = median(reference);
  console.log(`50,000 stays, 10 years (${machineLoad()}):`);
  line("one month, end to end, median", ms(oneMonth));
  line("120 months, records read once, median", ms(allMonths));
  line("reference: SQL persons on 120 dates, median", ms(ref));
  line("one month under 200 ms", oneMonth < 200 ? "yes" : "NO");
  line("120 months under 3 s", allMonths < 3000 ? "yes" : "NO");
  console.log(
    formatResult({
      name: "occupancy_120_months_50000_stays",
      metric: "median",
      value: allMonths,
      unit: "ms",
      reference: ref,
      decimals: 1,
    }),
  );
});
