/**
 * Backup and restore as an operator runs them: `sopla backup` and `sopla restore` in a child
 * process, from one engine to the other (PostgreSQL → file → PGlite → file → PostgreSQL when the
 * suite runs on PostgreSQL), every table compared row by row. Also: what is refused (a database
 * that is not empty, a truncated, damaged or foreign file) leaves the database as it was, and a
 * one-workspace backup holds nothing of another workspace.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { login } from "../../src/services/access/sessions.ts";
import { restoreBackup, writeBackup } from "../../src/storage/backup.ts";
import {
  executeRows,
  MIGRATIONS_FOLDER,
  openDatabase,
  type Database,
} from "../../src/storage/db.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, testEngine } from "../support/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** Never in a backup; a restored database has none. */
const SKIPPED = ["session", "login_attempt"];

// ---------------------------------------------------------------------------------------------
// Places: a fresh, empty database of either engine that the CLI and this process can open.
// ---------------------------------------------------------------------------------------------

type Engine = "pglite" | "postgres";
const serverUrl = process.env["TEST_DATABASE_URL"] || process.env["DATABASE_URL"] || "";
/** The engine of this run, and the other one when a server is at hand (else PGlite again). */
const otherEngine: Engine =
  testEngine === "postgres" ? "pglite" : serverUrl !== "" ? "postgres" : "pglite";

interface Place {
  readonly engine: Engine;
  /** Environment of a `sopla` child process using this database. */
  readonly env: Record<string, string>;
  /** Opens it in this process (a PGlite folder must be closed again before the CLI runs). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

const places: Place[] = [];

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshPlace(engine: Engine): Promise<Place> {
  let place: Place;
  if (engine === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "sopla-backup-db-"));
    place = {
      engine,
      env: { SOPLA_DATA_DIR: dir, DATABASE_URL: "" },
      open: () => openDatabase({ dataDir: join(dir, "pgdata") }),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  } else {
    const name = `sopla_backup_${randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    place = {
      engine,
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ databaseUrl: url.toString() }),
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  places.push(place);
  return place;
}

async function withDb<T>(place: Place, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await place.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function sopla(place: Place, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/sopla.mjs"), ...args], {
    env: { ...process.env, ...place.env, SOPLA_DEMO: "off" },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function ok(r: { code: number | null; out: string; err: string }): string {
  if (r.code !== 0) throw new Error(`sopla failed (${r.code}): ${r.err}\n${r.out}`);
  return r.out;
}

// ---------------------------------------------------------------------------------------------
// Snapshots: every row of every table, as text that shows every difference.
// ---------------------------------------------------------------------------------------------

type Snapshot = Record<string, string[]>;
type RowsWhere = (table: string, columns: readonly string[]) => string | null;

/**
 * Every row of every table of `public` as text, sorted: `row_to_json` in UTC with shortest-exact
 * doubles (so -0, microseconds and every digit count), plus the JSON type of each json/jsonb
 * value, which tells the JSON value null from SQL NULL. `where` selects rows (null: skip the
 * table). With `sequences`, the sequences' positions too.
 */
async function snapshot(
  db: Database,
  options: { where?: RowsWhere; sequences?: boolean } = {},
): Promise<Snapshot> {
  return db.transaction(async (tx) => {
    await tx.orm.execute(sql.raw("SET LOCAL TimeZone = 'UTC'"));
    await tx.orm.execute(sql.raw("SET LOCAL extra_float_digits = 3"));
    const columns = await executeRows<{ table: string; column: string; type: string }>(
      tx.orm,
      sql`SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
            FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
           WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           ORDER BY c.table_name, c.ordinal_position`,
    );
    const byTable = new Map<string, { column: string; type: string }[]>();
    for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
    const out: Snapshot = {};
    for (const [table, cols] of byTable) {
      const where = options.where
        ? options.where(
            table,
            cols.map((c) => c.column),
          )
        : "true";
      if (where === null) continue;
      const jsonTypes = cols
        .filter((c) => c.type === "json" || c.type === "jsonb")
        .map((c) => `coalesce(json_typeof(t."${c.column}"::json), 'SQL-NULL')`);
      const rows = await executeRows<{ j: string }>(
        tx.orm,
        sql.raw(
          `SELECT concat_ws(' ', row_to_json(t.*)::text, ${[...jsonTypes, "''"].join(", ")}) AS j
             FROM public."${table}" AS t WHERE ${where}`,
        ),
      );
      out[table] = rows.map((r) => r.j).sort();
    }
    if (options.sequences) {
      const seqs = await executeRows<{ j: string }>(
        tx.orm,
        sql`SELECT sequencename || ' ' || coalesce(last_value::text, '-') AS j FROM pg_sequences
             WHERE schemaname = 'public'`,
      );
      out["(sequences)"] = seqs.map((s) => s.j).sort();
    }
    return out;
  });
}

/** The restored database holds exactly the expected rows, and no session or failed login. */
function expectSameRows(actual: Snapshot, expected: Snapshot): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const table of Object.keys(expected)) {
    if (SKIPPED.includes(table)) expect(actual[table], table).toEqual([]);
    else expect(actual[table], table).toEqual(expected[table]);
  }
}

/** The lines of a backup file, decompressed (the last one is the trailer). */
async function backupLines(file: string): Promise<string[]> {
  const text = gunzipSync(await readFile(file)).toString("utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n");
}

/** A backup file read by the format's rules: header, then per table its line and its rows. */
async function parseBackup(file: string) {
  const lines = await backupLines(file);
  const header = JSON.parse(lines[0]!) as { scope: unknown; tables: string[]; schema: string };
  const tables = new Map<string, Record<string, unknown>[]>();
  let i = 1;
  for (const name of header.tables) {
    const line = JSON.parse(lines[i++]!) as { table: string; rowCount: number };
    expect(line.table).toBe(name);
    tables.set(
      name,
      lines.slice(i, i + line.rowCount).map((l) => JSON.parse(l) as Record<string, unknown>),
    );
    i += line.rowCount;
  }
  expect(i).toBe(lines.length - 1);
  return { header, tables, text: lines.join("\n") };
}

// ---------------------------------------------------------------------------------------------
// The source: the Flensburg demo, accounts, a session, a correction, a second workspace.
// ---------------------------------------------------------------------------------------------

let work: string;
let source: Place;
let sourceRows: Snapshot;
let allFile: string;
/** The restored copies: on the other engine, and from there back on this run's engine. */
let first: Place;
let second: Place;

const OTHER_SLUG = "testhausen";

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sopla-backup-files-"));
  allFile = join(work, "alles.sopla.gz");
  source = await freshPlace(testEngine);
  await withDb(source, async (db) => {
    const ctx = createServiceContext(db);
    await seedDemo(ctx);
    // A live session and a failed login: in the source, never in a backup.
    await login(ctx, {
      email: "planung@demo.sopla.example",
      password: "Demo-Planung-2026",
      clientAddress: "192.0.2.1",
    });
    await expect(
      login(ctx, {
        email: "planung@demo.sopla.example",
        password: "falsch",
        clientAddress: "192.0.2.1",
      }),
    ).rejects.toThrow();
    // Values the demo lacks, as superseded revisions: extreme and signed-zero doubles, a
    // withheld value, microseconds and offsets, a bigserial id beyond 32 bits.
    await db.orm.execute(
      sql.raw(`INSERT INTO observation (id, workspace_id, variable_id, area_id, period_id, value,
                 status, revision, import_id, created_at, superseded_at)
               SELECT 5000000000 + x.n, o.workspace_id, o.variable_id, o.area_id, o.period_id,
                      x.v, 'provisional', 1, NULL, x.c, x.s
                 FROM (SELECT * FROM observation ORDER BY id LIMIT 1) AS o,
                      (VALUES (1, '-0'::float8, '2021-03-04 05:06:07.123456+00'::timestamptz,
                               '2022-12-31 23:59:59.999999-05:00'::timestamptz),
                              (2, 0.1::float8 + 0.2::float8, '1999-12-31 23:59:59.000001+05:30', '2000-01-01 00:00:00+00'),
                              (3, '5e-324'::float8, now(), now()),
                              (4, '1.7976931348623157e308'::float8, now(), now()),
                              (5, NULL, now(), now())) AS x(n, v, c, s)`),
    );
  });
  const files = {
    catalogue: join(work, "testhausen.json"),
    mapping: join(work, "long.json"),
    correction: join(work, "korrektur.csv"),
    other: join(work, "testhausen.csv"),
  };
  await writeFile(
    files.catalogue,
    JSON.stringify(
      testCityCatalogue({
        slug: OTHER_SLUG,
        cityCode: "TH0",
        districtCode: (i) => `TH${i + 1}`,
        districts: 3,
        variables: ["population"],
      }),
    ),
  );
  await writeFile(files.mapping, JSON.stringify(longMapping("jahr")));
  await writeFile(files.correction, "gebiet;merkmal;jahr;wert\nSTGT08;population;2021;6703\n");
  await writeFile(
    files.other,
    "gebiet;merkmal;jahr;wert\nTH1;population;2022;100\nTH2;population;2022;200\nTH3;population;2022;300\n",
  );
  // As a shell user: another account, a correction (revision 2), a second workspace.
  ok(
    sopla(
      source,
      ...["user", "add", "--email", "jan.meyer@stadt.example", "--name", "Jan Meyer"],
      ...["--role", "planner", "--workspace", "flensburg"],
    ),
  );
  ok(
    sopla(
      source,
      ...["import", "--file", files.correction, "--mapping", files.mapping],
      ...["--workspace", "flensburg"],
    ),
  );
  ok(sopla(source, "catalogue", "apply", "--file", files.catalogue));
  ok(
    sopla(
      source,
      ...["import", "--file", files.other, "--mapping", files.mapping],
      ...["--workspace", OTHER_SLUG],
    ),
  );
  ok(
    sopla(
      source,
      ...["user", "add", "--email", "th@stadt.example", "--name", "Tess Haus"],
      ...["--role", "planner", "--workspace", OTHER_SLUG],
    ),
  );
  sourceRows = await withDb(source, (db) => snapshot(db));
}, 600_000);

afterAll(async () => {
  for (const p of places) await p.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

const count = (table: string) => sourceRows[table]?.length ?? 0;

describe(`backup and restore (${testEngine} → ${otherEngine} → ${testEngine})`, () => {
  it("starts from a source with every kind of row", () => {
    for (const t of [
      ...["workspace", "area", "area_boundary", "observation", "import_run"],
      ...["index_definition", "index_run"],
    ]) {
      expect(count(t), t).toBeGreaterThan(0);
    }
    expect(count("workspace")).toBe(2);
    expect(count("app_user")).toBeGreaterThanOrEqual(6);
    expect(count("session")).toBe(1);
    expect(count("login_attempt")).toBeGreaterThan(0);
    expect(sourceRows["observation"]!.some((r) => r.includes('"revision":2'))).toBe(true);
    expect(sourceRows["observation"]!.some((r) => r.includes('"value":-0,'))).toBe(true);
    expect(
      sourceRows["area_boundary"]!.some(
        (r) => r.includes('"type":"MultiPolygon"') || r.includes('"type": "Polygon"'),
      ),
    ).toBe(true);
  });

  it("writes the whole installation with the CLI and names tables, rows and size", () => {
    const out = ok(sopla(source, "backup", allFile));
    expect(out).toMatch(/Sicherung geschrieben: .*alles\.sopla\.gz \(ganze Installation\)/);
    expect(out).toMatch(/\d+ Tabellen, [\d.]+ Zeilen, [\d,]+ (KB|MB)/);
    expect(out).toMatch(/Anmeldesitzungen .* nicht Teil der Sicherung/);
  });

  it("writes the documented format: header, table lines with their rows, trailer with checksum", async () => {
    const lines = await backupLines(allFile);
    const journal = JSON.parse(
      await readFile(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
    ) as { entries: { tag: string }[] };
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({
      format: "sopla-backup",
      version: 1,
      scope: "all",
      schema: journal.entries.at(-1)!.tag,
    });
    const tables = header["tables"] as string[];
    expect(tables).not.toContain("session");
    expect(tables).not.toContain("login_attempt");
    // Parents before the tables that refer to them.
    expect(tables.indexOf("workspace")).toBeLessThan(tables.indexOf("area"));
    expect(tables.indexOf("app_user")).toBeLessThan(tables.indexOf("membership"));
    expect(tables.indexOf("import_run")).toBeLessThan(tables.indexOf("observation"));
    const trailer = JSON.parse(lines.at(-1)!) as {
      rowCounts: Record<string, number>;
      sha256: string;
    };
    const body = lines
      .slice(0, -1)
      .map((l) => `${l}\n`)
      .join("");
    expect(trailer.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    for (const t of tables) expect(trailer.rowCounts[t], t).toBe(count(t));
  });

  it(`restores on ${otherEngine} with every row identical, and from there back on ${testEngine}`, async () => {
    first = await freshPlace(otherEngine);
    const out = ok(sopla(first, "restore", allFile));
    expect(out).toMatch(/Wiederhergestellt: .*\(ganze Installation, gesichert /);
    expect(out).toMatch(/\d+ Tabellen, [\d.]+ Zeilen, [\d,]+ (KB|MB)/);
    expect(out).toMatch(/Anmeldesitzungen werden nicht wiederhergestellt/);
    expectSameRows(await withDb(first, (db) => snapshot(db)), sourceRows);

    const again = join(work, "zurueck.sopla.gz");
    ok(sopla(first, "backup", again));
    second = await freshPlace(testEngine);
    ok(sopla(second, "restore", again));
    expectSameRows(await withDb(second, (db) => snapshot(db)), sourceRows);
  });

  it("continues every sequence after the restored ids", async () => {
    const next = join(work, "weiter.csv");
    await writeFile(next, "gebiet;merkmal;jahr;wert\nTH1;population;2023;110\n");
    const mapping = join(work, "long.json");
    for (const place of [first, second]) {
      ok(
        sopla(
          place,
          ...["user", "add", "--email", `neu.${place.engine}@stadt.example`, "--name", "Neu"],
          ...["--role", "viewer", "--workspace", OTHER_SLUG],
        ),
      );
      ok(sopla(place, "import", "--file", next, "--mapping", mapping, "--workspace", OTHER_SLUG));
      await withDb(place, async (db) => {
        const users = await executeRows<{ id: number; email: string }>(
          db.orm,
          sql`SELECT id, email FROM app_user ORDER BY id DESC LIMIT 1`,
        );
        expect(users[0]).toEqual({
          id: count("app_user") + 1,
          email: `neu.${place.engine}@stadt.example`,
        });
        // Every serial and identity column: the next value lies beyond the largest one.
        const owned = await executeRows<{ table: string; column: string; seq: string }>(
          db.orm,
          sql`SELECT c.table_name AS "table", c.column_name AS "column",
                     pg_get_serial_sequence(format('public.%I', c.table_name), c.column_name) AS "seq"
                FROM information_schema.columns c
               WHERE c.table_schema = 'public'
                 AND pg_get_serial_sequence(format('public.%I', c.table_name), c.column_name) IS NOT NULL`,
        );
        expect(owned.map((o) => o.table)).toEqual(
          expect.arrayContaining(["observation", "app_user"]),
        );
        for (const o of owned) {
          const [r] = await executeRows<{ next: string; max: string | null }>(
            db.orm,
            sql.raw(
              `SELECT nextval('${o.seq}')::text AS "next", (SELECT max("${o.column}")::text FROM public."${o.table}") AS "max"`,
            ),
          );
          if (r!.max !== null) expect(BigInt(r!.next), o.table).toBeGreaterThan(BigInt(r!.max));
        }
      });
    }
  });

  it("refuses a database that is not empty, in German, and changes nothing", async () => {
    const before = await withDb(first, (db) => snapshot(db, { sequences: true }));
    const r = sopla(first, "restore", allFile);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Die Datenbank ist nicht leer .*Es wurde nichts verändert/);
    expect(await withDb(first, (db) => snapshot(db, { sequences: true }))).toEqual(before);
  });

  // Eight restores into a fresh database: slow on a loaded machine, so it has time of its own.
  it("refuses a truncated, damaged or foreign file, in German, and changes nothing", async () => {
    const empty = await freshPlace(otherEngine);
    const bytes = await readFile(allFile);
    const lines = await backupLines(allFile);
    const write = async (name: string, content: Buffer | string) => {
      const f = join(work, name);
      await writeFile(f, content);
      return f;
    };
    const gz = (ls: string[]) => gzipSync(ls.map((l) => `${l}\n`).join(""));
    const changed = lines.map((l) => (l.includes('"value":6703') ? l.replace("6703", "6704") : l));
    expect(changed).not.toEqual(lines);
    const journal = JSON.parse(
      await readFile(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
    ) as { entries: { tag: string }[] };
    const current = journal.entries.at(-1)!.tag;
    // A backup of an older schema, otherwise intact (checksum recomputed).
    const old = [
      JSON.stringify({ ...JSON.parse(lines[0]!), schema: "0000_initial" }),
      ...lines.slice(1, -1),
    ];
    const oldTrailer = {
      ...JSON.parse(lines.at(-1)!),
      sha256: createHash("sha256")
        .update(old.map((l) => `${l}\n`).join(""))
        .digest("hex"),
    };
    const cases: [string, Buffer | string, RegExp][] = [
      [
        "halb.gz",
        bytes.subarray(0, Math.floor(bytes.length / 2)),
        /beschädigt oder unvollständig: die Datei bricht mitten/,
      ],
      [
        "zeilen.gz",
        gz(lines.slice(0, Math.floor(lines.length / 2))),
        /beschädigt oder unvollständig: die Datei endet in der Tabelle/,
      ],
      [
        "ohne-abschluss.gz",
        gz(lines.slice(0, -1)),
        /beschädigt oder unvollständig: der Abschluss mit der Prüfsumme fehlt/,
      ],
      ["geaendert.gz", gz(changed), /beschädigt oder unvollständig: die Prüfsumme/],
      [
        "text.txt",
        "Das ist keine Sicherung.\n",
        /keine Sopla-Sicherung \(keine gzip-komprimierte Datei\)/,
      ],
      ["fremd.gz", gzipSync('{"hello":"world"}\n'), /keine Sopla-Sicherung/],
      ["leer.gz", Buffer.alloc(0), /keine Sopla-Sicherung/],
      [
        "alt.gz",
        gz([...old, JSON.stringify(oldTrailer)]),
        new RegExp(`Schemastand „0000_initial“.*die Datenbank „${current}“`),
      ],
    ];
    for (const [name, content, message] of cases) {
      const r = sopla(empty, "restore", await write(name, content));
      expect(r.code, name).toBe(1);
      expect(r.err, name).toMatch(message);
      expect(r.err, name).toMatch(/Es wurde nichts verändert/);
    }
    const after = await withDb(empty, (db) => snapshot(db));
    for (const [table, rows] of Object.entries(after)) expect(rows, table).toEqual([]);
    expect(sopla(empty, "restore", join(work, "gibt-es-nicht.gz")).err).toMatch(/nicht gefunden/);
    expect(sopla(empty, "restore").code).toBe(2);
  }, 180_000);

  it("backs up one workspace with nothing of another, and restores it", async () => {
    const file = join(work, "testhausen.sopla.gz");
    const out = ok(sopla(source, "backup", file, "--workspace", OTHER_SLUG));
    expect(out).toMatch(/Arbeitsbereich „testhausen“/);
    const { header, tables, text } = await parseBackup(file);
    expect(header.scope).toEqual({ workspace: OTHER_SLUG });
    const ws = tables.get("workspace")!;
    expect(ws.map((w) => w["slug"])).toEqual([OTHER_SLUG]);
    const id = ws[0]!["id"];
    for (const [table, rows] of tables) {
      for (const row of rows)
        if ("workspace_id" in row) expect(row["workspace_id"], table).toBe(id);
    }
    expect(tables.get("app_user")!.map((u) => u["email"])).toEqual(["th@stadt.example"]);
    expect(tables.has("session")).toBe(false);
    expect(tables.has("login_attempt")).toBe(false);
    expect(tables.get("observation")!.length).toBe(3);
    expect(text).not.toMatch(/flensburg/i);

    // The other way round: the Flensburg backup holds nothing of Testhausen.
    const flensburg = join(work, "flensburg.sopla.gz");
    ok(sopla(source, "backup", flensburg, "--workspace", "flensburg"));
    const fl = await parseBackup(flensburg);
    expect(fl.text).not.toMatch(/testhausen|th@stadt/i);
    expect(fl.tables.get("workspace")!.map((w) => w["slug"])).toEqual(["flensburg"]);

    // Restored into an empty database: exactly the workspace's rows of the source.
    const target = await freshPlace(otherEngine);
    ok(sopla(target, "restore", file));
    const inWorkspace: RowsWhere = (table, columns) =>
      table === "workspace"
        ? `id = ${Number(id)}`
        : columns.includes("workspace_id")
          ? `workspace_id = ${Number(id)}`
          : table === "app_user"
            ? `id IN (SELECT user_id FROM membership WHERE workspace_id = ${Number(id)})`
            : "false";
    const expected = await withDb(source, (db) => snapshot(db, { where: inWorkspace }));
    expectSameRows(await withDb(target, (db) => snapshot(db)), expected);
    expect(sopla(source, "backup", join(work, "x.gz"), "--workspace", "gibt-es-nicht").err).toMatch(
      /nicht gefunden/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Tables the schema does not have today: the engine code knows no table by name.
// ---------------------------------------------------------------------------------------------

const PROBE_DDL = [
  `CREATE TABLE backup_probe (
     id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     parent_id integer REFERENCES backup_probe (id),
     workspace_id integer REFERENCES workspace (id),
     f double precision, b bigint, t timestamptz, d date, j jsonb, js json, tags text[],
     flag boolean, doubled integer GENERATED ALWAYS AS (id * 2) STORED)`,
  `CREATE TABLE backup_probe_log (id bigserial PRIMARY KEY, probe_id integer, note text)`,
  `CREATE FUNCTION backup_probe_log() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN INSERT INTO backup_probe_log (probe_id, note) VALUES (NEW.id, 'inserted'); RETURN NEW; END $$`,
  `CREATE TRIGGER backup_probe_logged AFTER INSERT ON backup_probe
     FOR EACH ROW EXECUTE FUNCTION backup_probe_log()`,
  `CREATE FUNCTION backup_probe_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'backup_probe is append-only'; END $$`,
  `CREATE TRIGGER backup_probe_no_change BEFORE UPDATE OR DELETE ON backup_probe
     FOR EACH ROW EXECUTE FUNCTION backup_probe_frozen()`,
];

describe("backup and restore of tables added later", () => {
  it("copies identity, generated and self-referencing columns, JSON null, and skips insert triggers", async () => {
    const from = await openTestDatabase();
    const to = await openTestDatabase();
    try {
      for (const db of [from.db, to.db]) {
        for (const ddl of PROBE_DDL) await db.orm.execute(sql.raw(ddl));
      }
      await from.db.orm.execute(
        sql.raw(`INSERT INTO workspace (slug, name) VALUES ('probe', 'Probe')`),
      );
      // 6,000 rows, more than one batch, all referring to the last one: only parents-first order
      // can insert them batch by batch. Row 1 refers to itself.
      await from.db.orm.execute(
        sql.raw(`INSERT INTO backup_probe (id, parent_id, workspace_id, f)
                 OVERRIDING SYSTEM VALUE
                 SELECT i, CASE WHEN i = 6000 THEN NULL WHEN i = 1 THEN 1 ELSE 6000 END,
                        (SELECT id FROM workspace), i / 7.0
                   FROM generate_series(1, 6000) AS i ORDER BY i DESC`),
      );
      await from.db.orm.execute(
        sql.raw(`SELECT setval(pg_get_serial_sequence('backup_probe', 'id'), 6000)`),
      );
      await from.db.orm.execute(
        sql.raw(`INSERT INTO backup_probe (parent_id, f, b, t, d, j, js, tags, flag) VALUES
          (NULL, '-0', 9007199254740993, '2021-03-04 05:06:07.123456+00', '2024-02-29',
           '{"type":"Point","coordinates":[9.123456789012345678,54.7],"n":12345678901234567890}',
           '{"a":\n 1}', '{"a","b,c",NULL,"ä\\"q"}', true),
          (NULL, 'NaN', -9223372036854775808, 'infinity', '0001-01-01 BC', 'null', 'null', '{}', false),
          (NULL, '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (NULL, '5e-324', 0, '1970-01-01 00:00:00.000001+14', '9999-12-31', '"text"', '[]', '{""}', NULL)`),
      );
      const file = join(work, "probe.sopla.gz");
      const written = await writeBackup(from.db, { file, appVersion: "test", now: new Date() });
      expect(written.rowCounts).toMatchObject({ backup_probe: 6004, backup_probe_log: 6004 });
      const restored = await restoreBackup(to.db, { file });
      expect(restored.rows).toBe(written.rows);
      const expected = await snapshot(from.db);
      expectSameRows(await snapshot(to.db), expected);
      expect(expected["backup_probe"]!.filter((r) => r.includes('"f":-0,'))).toHaveLength(1);
      expect(expected["backup_probe"]!.some((r) => r.endsWith("null null "))).toBe(true);

      // The identity continues, the insert trigger works again, the update trigger still refuses.
      const [next] = await executeRows<{ id: number }>(
        to.db.orm,
        sql`INSERT INTO backup_probe (f) VALUES (1) RETURNING id`,
      );
      expect(next!.id).toBe(6005);
      const [logged] = await executeRows<{ n: number }>(
        to.db.orm,
        sql`SELECT count(*)::int AS n FROM backup_probe_log`,
      );
      expect(logged!.n).toBe(6005);
      await expect(
        to.db.orm.execute(sql`UPDATE backup_probe SET f = 2 WHERE id = 1`),
      ).rejects.toThrow();
    } finally {
      await from.close();
      await to.close();
    }
  });
});
