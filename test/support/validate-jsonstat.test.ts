import { readFileSync } from "node:fs";
import JSONstat from "jsonstat-toolkit";
import { describe, expect, it } from "vitest";
import { validateJsonStat, type JsonStatIssueCode } from "./validate-jsonstat.ts";

const FIXTURES = new URL("../fixtures/jsonstat/", import.meta.url);

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
}

interface CorpusCase {
  readonly id: string;
  readonly group: "valid" | "invalid";
  readonly expected: {
    readonly valid?: boolean;
    readonly codes?: readonly string[];
    readonly noOtherErrors?: boolean;
  };
  readonly input: unknown;
}

const corpus = fixture("validator-corpus-cases.json") as CorpusCase[];

describe("validateJsonStat against the jsonstat/validator corpus", () => {
  it("has the 20 cases the provenance describes", () => {
    expect(corpus).toHaveLength(20);
    expect(corpus.filter((c) => c.group === "valid")).toHaveLength(4);
  });

  it.each(corpus.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const result = validateJsonStat(c.input);
    const errorCodes = result.errors.map((e) => e.code);
    const allCodes = [...errorCodes, ...result.warnings.map((w) => w.code)];
    // The corpus leaves `valid` open for the 1.x bundle; JSON-stat 2.0 requires `class`, so
    // Sopla rejects it.
    expect(result.valid).toBe(c.expected.valid ?? false);
    expect(result.valid).toBe(errorCodes.length === 0);
    for (const code of c.expected.codes ?? []) expect(allCodes).toContain(code);
    if (c.expected.noOtherErrors === true || c.group === "valid") {
      const expectedCodes: readonly string[] = c.expected.codes ?? [];
      expect(errorCodes.filter((code) => !expectedCodes.includes(code))).toEqual([]);
    }
    for (const issue of [...result.errors, ...result.warnings]) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.path === "" || issue.path.startsWith("/")).toBe(true);
    }
  });
});

describe("validateJsonStat on the 1.0 bundle oecd-canada", () => {
  const bundle = fixture("oecd-canada.json");

  it("rejects it as a deprecated bundle", () => {
    const result = validateJsonStat(bundle);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.code)).toEqual(["BUNDLE_DEPRECATED"]);
    expect(result.errors[0]?.path).toBe("");
  });

  it("while the toolkit still reads its values", () => {
    const response = JSONstat(bundle as object);
    expect(response.class).toBe("bundle");
    expect(response.id).toEqual(["oecd", "canada"]);
    const oecd = response.Dataset("oecd");
    expect(oecd?.size).toEqual([1, 36, 12]);
    expect(oecd?.Data({ concept: "UNR", area: "DE", year: "2014" })).toEqual({
      value: 5.565600014,
      status: "e",
    });
    expect(oecd?.Data(131)).toEqual({ value: 5.565600014, status: "e" });
    expect(oecd?.Data({ concept: "UNR", area: "AU", year: "2003" })?.value).toBe(5.943826289);
    const canada = response.Dataset("canada");
    expect(
      canada?.Data({ country: "CA", year: "2012", age: "T", concept: "POP", sex: "F" })?.value,
    ).toBe(17571.3);
  });
});

/** A valid two-dimensional dataset to break one member at a time. */
function base(): Record<string, unknown> {
  return {
    version: "2.0",
    class: "dataset",
    label: "Basis",
    updated: "2024-03-05",
    id: ["sex", "year"],
    size: [2, 2],
    role: { time: ["year"] },
    dimension: {
      sex: { label: "Geschlecht", category: { index: ["M", "F"], label: { M: "m", F: "w" } } },
      year: { category: { index: { "2020": 0, "2021": 1 } } },
    },
    value: [1, 2, null, 4],
    status: { "2": "." },
  };
}

function codes(input: unknown): JsonStatIssueCode[] {
  return validateJsonStat(input).errors.map((e) => e.code);
}

describe("validateJsonStat, further rules", () => {
  it("accepts the base document", () => {
    expect(validateJsonStat(base())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it.each<[string, (d: Record<string, unknown>) => void, JsonStatIssueCode]>([
    [
      "a status key beyond the cube",
      (d) => (d["status"] = { "4": "." }),
      "STATUS_KEY_OUT_OF_RANGE",
    ],
    ["a non-canonical sparse key", (d) => (d["value"] = { "01": 1 }), "SPARSE_KEY_OUT_OF_RANGE"],
    ["a missing value", (d) => delete d["value"], "STRUCTURAL_VIOLATION"],
    ["a boolean value", (d) => (d["value"] = [1, 2, true, 4]), "STRUCTURAL_VIOLATION"],
    ["a missing class", (d) => delete d["class"], "STRUCTURAL_VIOLATION"],
    ["an unknown class", (d) => (d["class"] = "table"), "STRUCTURAL_VIOLATION"],
    ["version 1.0", (d) => (d["version"] = "1.0"), "STRUCTURAL_VIOLATION"],
    ["a missing version", (d) => delete d["version"], "STRUCTURAL_VIOLATION"],
    ["an unparsable date", (d) => (d["updated"] = "gestern"), "STRUCTURAL_VIOLATION"],
    ["a negative size", (d) => (d["size"] = [-2, 2]), "STRUCTURAL_VIOLATION"],
    ["a huge cube", (d) => (d["size"] = [2 ** 40, 2 ** 40]), "CUBE_SIZE_OVERFLOW"],
  ])("reports %s", (_name, breakIt, code) => {
    const doc = base();
    breakIt(doc);
    expect(codes(doc)).toContain(code);
  });

  it("accepts a status string and a one-entry status array for every cell", () => {
    expect(codes({ ...base(), status: "e" })).toEqual([]);
    expect(codes({ ...base(), status: ["e"] })).toEqual([]);
  });

  it("accepts a single-category dimension without index, named by its label", () => {
    const doc = {
      ...base(),
      id: ["sex", "year", "country"],
      size: [2, 2, 1],
      dimension: {
        ...(base()["dimension"] as object),
        country: { category: { label: { DE: "D" } } },
      },
    };
    expect(codes(doc)).toEqual([]);
  });

  it("finds a longer cycle in a child hierarchy and points into the document", () => {
    const doc = {
      version: "2.0",
      class: "dataset",
      id: ["geo"],
      size: [4],
      dimension: {
        geo: {
          category: {
            index: ["A", "B", "C", "D"],
            child: { A: ["B", "D"], B: ["C"], C: ["A"] },
          },
        },
      },
      value: [1, 2, 3, 4],
    };
    const result = validateJsonStat(doc);
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ["CHILD_CYCLE", "/dimension/geo/category/child"],
    ]);
  });

  it("validates the datasets embedded in a collection, with their path", () => {
    const broken: Record<string, unknown> = { ...base(), value: [1, 2, 3] };
    delete broken["version"];
    const result = validateJsonStat({
      version: "2.0",
      class: "collection",
      link: { item: [{ class: "dataset", href: "https://example.org/a" }, broken] },
    });
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ["VALUE_LEN_MISMATCH", "/link/item/1/value"],
    ]);
  });

  it("validates a dimension response", () => {
    const dimension = {
      version: "2.0",
      class: "dimension",
      label: "Geschlecht",
      category: { index: ["T", "M", "F"], label: { T: "insgesamt", M: "männlich", F: "weiblich" } },
    };
    expect(validateJsonStat(dimension)).toEqual({ valid: true, errors: [], warnings: [] });
    const broken = { ...dimension, label: 5, category: { index: ["T", "T"] } };
    expect(validateJsonStat(broken).errors.map((e) => [e.code, e.path])).toEqual([
      ["STRUCTURAL_VIOLATION", "/label"],
      ["STRUCTURAL_VIOLATION", "/category/index"],
    ]);
  });

  it("escapes JSON Pointer tokens", () => {
    const doc = base();
    doc["dimension"] = {
      sex: { category: { index: ["M", "F"], label: { "a/b~c": "x", M: "m", F: "w" } } },
      year: { category: { index: ["2020", "2021"] } },
    };
    expect(validateJsonStat(doc).errors.map((e) => e.path)).toEqual([
      "/dimension/sex/category/label/a~1b~0c",
    ]);
  });

  it("never throws on arbitrary JSON", () => {
    for (const input of [null, 1, "x", [], {}, { class: "dataset" }, { class: "collection" }]) {
      expect(validateJsonStat(input).valid).toBe(false);
    }
  });
});
