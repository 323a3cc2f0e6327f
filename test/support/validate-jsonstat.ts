/**
 * A validator for JSON-stat 2.0 responses (https://json-stat.org/format/ and the full
 * specification), written from the specification. The issue codes follow the names of the
 * conformance corpus of the `jsonstat/validator` project, so its cases can be checked here;
 * they are that project's names, not part of the standard. Tests only: the open-data API test
 * and the JSON-stat writer's test check every document Sopla writes with it.
 */

/** Issue codes; the two marked (warning) never make a document invalid. */
export type JsonStatIssueCode =
  /** The document does not have the structure the specification requires. */
  | "STRUCTURAL_VIOLATION"
  /** `id` and `size` differ in length. */
  | "ID_SIZE_LEN_MISMATCH"
  /** The keys of `dimension` are not the values of `id`. */
  | "DIM_KEY_ID_MISMATCH"
  /** A dense `value` array is not as long as the product of `size`. */
  | "VALUE_LEN_MISMATCH"
  /** A key of a sparse `value` object is not a cell position. */
  | "SPARSE_KEY_OUT_OF_RANGE"
  /** `role` names a dimension that is not in `id`. */
  | "ROLE_ID_UNKNOWN"
  /** A `status` array is neither one entry long nor as long as the cube. */
  | "STATUS_LEN_MISMATCH"
  /** A key of a `status` object is not a cell position. */
  | "STATUS_KEY_OUT_OF_RANGE"
  /** (warning) A metric dimension has no `category.unit`. */
  | "METRIC_UNIT_MISSING"
  /** A dimension has another number of categories than its `size`. */
  | "INDEX_COUNT_MISMATCH"
  /** An object `category.index` does not map its ids to the positions 0 … n-1. */
  | "INDEX_POSITIONS_INVALID"
  /** `category.label` names a category that is not in the index. */
  | "LABEL_KEY_UNKNOWN"
  /** (warning) `category.label` leaves some categories without a label. */
  | "LABEL_KEY_INCOMPLETE"
  | "UNIT_KEY_UNKNOWN"
  | "COORD_KEY_UNKNOWN"
  | "NOTE_KEY_UNKNOWN"
  /** `category.child` names a category that is not in the index. */
  | "CHILD_ID_UNKNOWN"
  /** `category.child` is not a hierarchy: a category is its own ancestor. */
  | "CHILD_CYCLE"
  /** Collections nest deeper than this validator follows. */
  | "RECURSION_LIMIT"
  /** A pre-2.0 bundle (datasets keyed by name, no `class`); 2.0 uses a collection instead. */
  | "BUNDLE_DEPRECATED"
  /** The product of `size` is beyond exact integer arithmetic. */
  | "CUBE_SIZE_OVERFLOW";

export interface JsonStatIssue {
  readonly code: JsonStatIssueCode;
  /** German, for people. */
  readonly message: string;
  /** JSON Pointer (RFC 6901) to the offending member; "" is the whole document. */
  readonly path: string;
}

export interface JsonStatValidation {
  /** True when there is no error; warnings do not count. */
  readonly valid: boolean;
  readonly errors: JsonStatIssue[];
  readonly warnings: JsonStatIssue[];
}

/** How deep collections may nest before the validator stops following them. */
const MAX_DEPTH = 16;

const CLASSES = new Set(["dataset", "dimension", "collection"]);

/**
 * Validates `input` (parsed JSON) as a JSON-stat 2.0 response: a dataset, a dimension or a
 * collection (whose embedded items are validated too). Checks the structure of every reserved
 * member, the cube arithmetic (ids against sizes, value and status against the number of
 * cells, sparse keys against cell positions), each dimension's categories (index as array or
 * as a permutation object, label, unit, coordinates, note and child keys, an acyclic child
 * hierarchy) and roles. A pre-2.0 bundle is rejected as BUNDLE_DEPRECATED: 2.0 requires
 * `class`. Never throws.
 */
export function validateJsonStat(input: unknown): JsonStatValidation {
  const issues = new Issues();
  if (!isObject(input)) {
    issues.error("STRUCTURAL_VIOLATION", "Ein JSON-stat-Dokument ist ein JSON-Objekt.", "");
  } else {
    validateResponse(input, "", 0, true, issues);
  }
  return { valid: issues.errors.length === 0, errors: issues.errors, warnings: issues.warnings };
}

class Issues {
  readonly errors: JsonStatIssue[] = [];
  readonly warnings: JsonStatIssue[] = [];

  error(code: JsonStatIssueCode, message: string, path: string): void {
    this.errors.push({ code, message, path });
  }

  warning(code: JsonStatIssueCode, message: string, path: string): void {
    this.warnings.push({ code, message, path });
  }

  structural(message: string, path: string): void {
    this.error("STRUCTURAL_VIOLATION", message, path);
  }
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/** `base` extended by one reference token, escaped per RFC 6901. */
function at(base: string, token: string | number): string {
  return `${base}/${String(token).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

function validateResponse(
  doc: JsonObject,
  path: string,
  depth: number,
  root: boolean,
  issues: Issues,
): void {
  if (depth > MAX_DEPTH) {
    issues.error(
      "RECURSION_LIMIT",
      `Sammlungen sind tiefer als ${MAX_DEPTH} Ebenen verschachtelt; tiefere Einträge wurden nicht geprüft.`,
      path,
    );
    return;
  }
  const cls = doc["class"];
  if (cls === undefined) {
    if (root && looksLikeBundle(doc)) {
      issues.error(
        "BUNDLE_DEPRECATED",
        "Ein Bündel mehrerer Datensätze ohne „class“ ist JSON-stat 1.x; JSON-stat 2.0 verlangt „class“ (für mehrere Datensätze eine „collection“).",
        path,
      );
    } else {
      issues.structural("„class“ fehlt (dataset, dimension oder collection).", at(path, "class"));
    }
    return;
  }
  if (typeof cls !== "string" || !CLASSES.has(cls)) {
    issues.structural(
      "„class“ muss „dataset“, „dimension“ oder „collection“ sein.",
      at(path, "class"),
    );
    return;
  }
  if (root) validateVersion(doc["version"], path, issues);
  validateCommonMembers(doc, path, issues);
  switch (cls) {
    case "dataset":
      validateDataset(doc, path, issues);
      break;
    case "dimension":
      // label and the other common members are checked above.
      validateCategory(doc, path, undefined, issues);
      break;
    case "collection":
      validateCollection(doc, path, depth, issues);
      break;
  }
}

/** A 1.x bundle: no class, and members that are datasets keyed by name. */
function looksLikeBundle(doc: JsonObject): boolean {
  return Object.entries(doc).some(
    ([key, v]) => key !== "version" && isObject(v) && ("dimension" in v || "value" in v),
  );
}

function validateVersion(version: unknown, path: string, issues: Issues): void {
  if (version === undefined) {
    issues.structural("„version“ fehlt; JSON-stat 2.0 verlangt „version“: „2.0“.", path);
    return;
  }
  // Later versions may add optional members, so any version from 2.0 on is accepted.
  const parsed = typeof version === "string" && /^\d+\.\d+$/.test(version) ? Number(version) : NaN;
  if (!(parsed >= 2)) {
    issues.structural("„version“ muss eine Zeichenkette wie „2.0“ sein.", at(path, "version"));
  }
}

/** Members any response may carry: label, href, source, updated, note, extension, link, error. */
function validateCommonMembers(doc: JsonObject, path: string, issues: Issues): void {
  for (const key of ["label", "href", "source"] as const) {
    if (doc[key] !== undefined && typeof doc[key] !== "string") {
      issues.structural(`„${key}“ muss eine Zeichenkette sein.`, at(path, key));
    }
  }
  const updated = doc["updated"];
  if (updated !== undefined && (typeof updated !== "string" || Number.isNaN(Date.parse(updated)))) {
    issues.structural("„updated“ muss ein Datum nach ISO 8601 sein.", at(path, "updated"));
  }
  if (doc["note"] !== undefined && !isStringArray(doc["note"])) {
    issues.structural("„note“ muss eine Liste von Zeichenketten sein.", at(path, "note"));
  }
  if (doc["extension"] !== undefined && !isObject(doc["extension"])) {
    issues.structural("„extension“ muss ein Objekt sein.", at(path, "extension"));
  }
  if (doc["error"] !== undefined && !Array.isArray(doc["error"])) {
    issues.structural("„error“ muss eine Liste sein.", at(path, "error"));
  }
  const link = doc["link"];
  if (link !== undefined) {
    if (!isObject(link)) {
      issues.structural(
        "„link“ muss ein Objekt aus Beziehungen und Listen sein.",
        at(path, "link"),
      );
    } else {
      for (const [relation, items] of Object.entries(link)) {
        if (!Array.isArray(items)) {
          issues.structural(
            `„link.${relation}“ muss eine Liste sein.`,
            at(at(path, "link"), relation),
          );
        }
      }
    }
  }
}

function validateDataset(ds: JsonObject, path: string, issues: Issues): void {
  const id = ds["id"];
  const size = ds["size"];
  const dimension = ds["dimension"];
  const value = ds["value"];

  const ids = isStringArray(id) ? id : null;
  if (ids === null) {
    issues.structural("„id“ muss eine Liste der Dimensionsnamen sein.", at(path, "id"));
  } else if (new Set(ids).size !== ids.length) {
    issues.structural("„id“ nennt eine Dimension mehrfach.", at(path, "id"));
  }
  const sizes =
    Array.isArray(size) && size.every((n) => Number.isInteger(n) && (n as number) >= 0)
      ? (size as number[])
      : null;
  if (sizes === null) {
    issues.structural(
      "„size“ muss eine Liste nicht negativer ganzer Zahlen sein.",
      at(path, "size"),
    );
  }
  const dims = isObject(dimension) ? dimension : null;
  if (dims === null) {
    issues.structural("„dimension“ muss ein Objekt sein.", at(path, "dimension"));
  }

  // The cube shape is known only when ids and sizes agree; otherwise cell checks are skipped.
  let shapeKnown = ids !== null && sizes !== null;
  if (ids !== null && sizes !== null && ids.length !== sizes.length) {
    issues.error(
      "ID_SIZE_LEN_MISMATCH",
      `„id“ nennt ${ids.length} Dimensionen, „size“ hat ${sizes.length} Einträge.`,
      at(path, "size"),
    );
    shapeKnown = false;
  }

  if (ids !== null && dims !== null) {
    const keys = Object.keys(dims);
    const missing = ids.filter((d) => !(d in dims));
    const extra = keys.filter((k) => !ids.includes(k));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [
        missing.length > 0 ? `fehlt in „dimension“: ${missing.join(", ")}` : "",
        extra.length > 0 ? `nicht in „id“: ${extra.join(", ")}` : "",
      ].filter((s) => s !== "");
      issues.error(
        "DIM_KEY_ID_MISMATCH",
        `Die Schlüssel von „dimension“ stimmen nicht mit „id“ überein (${parts.join("; ")}).`,
        at(path, "dimension"),
      );
    }
    ids.forEach((dimId, k) => {
      const dim = dims[dimId];
      if (dim === undefined) return;
      const expected = shapeKnown ? sizes?.[k] : undefined;
      validateDimension(dim, at(at(path, "dimension"), dimId), expected, issues);
    });
  }

  let cells: number | null = null;
  if (shapeKnown && sizes !== null) {
    const product = sizes.reduce((a, b) => a * b, 1);
    if (Number.isSafeInteger(product)) {
      cells = product;
    } else {
      issues.error(
        "CUBE_SIZE_OVERFLOW",
        "Das Produkt von „size“ ist zu groß für eine exakte Zellenzahl.",
        at(path, "size"),
      );
    }
  }

  validateValue(value, at(path, "value"), cells, issues);
  validateStatus(ds["status"], at(path, "status"), cells, issues);
  if (ids !== null) validateRole(ds["role"], path, ids, dims, issues);
}

function isCellValue(v: unknown): boolean {
  return v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

/** True for a canonical array index ("0", "17"), as sparse keys must be. */
function isPositionKey(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key);
}

function validateValue(value: unknown, path: string, cells: number | null, issues: Issues): void {
  if (Array.isArray(value)) {
    if (!value.every(isCellValue)) {
      issues.structural("„value“ darf nur Zahlen, Zeichenketten und null enthalten.", path);
    }
    if (cells !== null && value.length !== cells) {
      issues.error(
        "VALUE_LEN_MISMATCH",
        `„value“ hat ${value.length} Einträge, der Würfel ${cells} Zellen.`,
        path,
      );
    }
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (!isPositionKey(key) || (cells !== null && Number(key) >= cells)) {
        issues.error(
          "SPARSE_KEY_OUT_OF_RANGE",
          `Der Schlüssel „${key}“ ist keine Zellposition${cells !== null ? ` von 0 bis ${cells - 1}` : ""}.`,
          at(path, key),
        );
      }
      if (!isCellValue(v)) {
        issues.structural(
          "Ein Wert muss eine Zahl, eine Zeichenkette oder null sein.",
          at(path, key),
        );
      }
    }
  } else {
    issues.structural("„value“ fehlt oder ist weder Liste noch Objekt.", path);
  }
}

function validateStatus(status: unknown, path: string, cells: number | null, issues: Issues): void {
  if (status === undefined || typeof status === "string") return;
  if (Array.isArray(status)) {
    if (!status.every((s) => s === null || typeof s === "string")) {
      issues.structural("„status“ darf nur Zeichenketten und null enthalten.", path);
    }
    // One entry applies to every cell, like a plain string.
    if (cells !== null && status.length !== cells && status.length !== 1) {
      issues.error(
        "STATUS_LEN_MISMATCH",
        `„status“ hat ${status.length} Einträge, der Würfel ${cells} Zellen.`,
        path,
      );
    }
  } else if (isObject(status)) {
    for (const [key, s] of Object.entries(status)) {
      if (!isPositionKey(key) || (cells !== null && Number(key) >= cells)) {
        issues.error(
          "STATUS_KEY_OUT_OF_RANGE",
          `Der Schlüssel „${key}“ in „status“ ist keine Zellposition.`,
          at(path, key),
        );
      }
      if (typeof s !== "string") {
        issues.structural("Ein Status muss eine Zeichenkette sein.", at(path, key));
      }
    }
  } else {
    issues.structural("„status“ muss Zeichenkette, Liste oder Objekt sein.", path);
  }
}

function validateRole(
  role: unknown,
  datasetPath: string,
  ids: readonly string[],
  dims: JsonObject | null,
  issues: Issues,
): void {
  const path = at(datasetPath, "role");
  if (role === undefined) return;
  if (!isObject(role)) {
    issues.structural("„role“ muss ein Objekt sein.", path);
    return;
  }
  for (const [kind, members] of Object.entries(role)) {
    if (!isStringArray(members)) {
      issues.structural(`„role.${kind}“ muss eine Liste von Dimensionsnamen sein.`, at(path, kind));
      continue;
    }
    for (const member of members) {
      if (!ids.includes(member)) {
        issues.error(
          "ROLE_ID_UNKNOWN",
          `„role.${kind}“ nennt die Dimension „${member}“, die „id“ nicht enthält.`,
          at(path, kind),
        );
      } else if (kind === "metric" && dims !== null) {
        const dim = dims[member];
        const category = isObject(dim) ? dim["category"] : undefined;
        const unit = isObject(category) ? category["unit"] : undefined;
        if (!isObject(unit) || Object.keys(unit).length === 0) {
          issues.warning(
            "METRIC_UNIT_MISSING",
            `Die Kennzahl-Dimension „${member}“ hat keine Einheiten („category.unit“).`,
            at(at(at(datasetPath, "dimension"), member), "category"),
          );
        }
      }
    }
  }
}

/**
 * Checks one dimension (inside a dataset, or a dimension response) against the number of
 * categories it should have (`expectedSize`, unknown for a dimension response or when the
 * dataset's shape is broken).
 */
function validateDimension(
  dim: unknown,
  path: string,
  expectedSize: number | undefined,
  issues: Issues,
): void {
  if (!isObject(dim)) {
    issues.structural("Eine Dimension muss ein Objekt sein.", path);
    return;
  }
  if (dim["label"] !== undefined && typeof dim["label"] !== "string") {
    issues.structural("„label“ muss eine Zeichenkette sein.", at(path, "label"));
  }
  validateCategory(dim, path, expectedSize, issues);
}

/** Checks the `category` of a dimension object at `path`. */
function validateCategory(
  dim: JsonObject,
  path: string,
  expectedSize: number | undefined,
  issues: Issues,
): void {
  const category = dim["category"];
  const cpath = at(path, "category");
  if (!isObject(category)) {
    issues.structural("„category“ fehlt oder ist kein Objekt.", cpath);
    return;
  }
  const ids = categoryIds(category, cpath, expectedSize, issues);
  const idSet = ids === null ? null : new Set(ids);

  const label = category["label"];
  if (label !== undefined) {
    if (!isObject(label) || !Object.values(label).every((l) => typeof l === "string")) {
      issues.structural("„category.label“ muss Kategorien auf Texte abbilden.", at(cpath, "label"));
    } else if (idSet !== null) {
      checkKeys(label, idSet, "LABEL_KEY_UNKNOWN", "label", at(cpath, "label"), issues);
      const unlabelled = [...idSet].filter((c) => !(c in label));
      if (unlabelled.length > 0) {
        issues.warning(
          "LABEL_KEY_INCOMPLETE",
          `Ohne Bezeichnung: ${unlabelled.join(", ")}.`,
          at(cpath, "label"),
        );
      }
    }
  }

  const unit = category["unit"];
  if (unit !== undefined) {
    if (!isObject(unit)) {
      issues.structural("„category.unit“ muss ein Objekt sein.", at(cpath, "unit"));
    } else {
      if (idSet !== null) {
        checkKeys(unit, idSet, "UNIT_KEY_UNKNOWN", "unit", at(cpath, "unit"), issues);
      }
      for (const [key, u] of Object.entries(unit))
        validateUnit(u, at(at(cpath, "unit"), key), issues);
    }
  }

  const coordinates = category["coordinates"];
  if (coordinates !== undefined) {
    if (!isObject(coordinates)) {
      issues.structural("„category.coordinates“ muss ein Objekt sein.", at(cpath, "coordinates"));
    } else {
      if (idSet !== null) {
        const cp = at(cpath, "coordinates");
        checkKeys(coordinates, idSet, "COORD_KEY_UNKNOWN", "coordinates", cp, issues);
      }
      for (const [key, c] of Object.entries(coordinates)) {
        if (!Array.isArray(c) || c.length !== 2 || !c.every((x) => typeof x === "number")) {
          issues.structural(
            "Koordinaten sind ein Paar [Länge, Breite].",
            at(at(cpath, "coordinates"), key),
          );
        }
      }
    }
  }

  const note = category["note"];
  if (note !== undefined) {
    if (!isObject(note) || !Object.values(note).every(isStringArray)) {
      issues.structural(
        "„category.note“ muss Kategorien auf Textlisten abbilden.",
        at(cpath, "note"),
      );
    } else if (idSet !== null) {
      checkKeys(note, idSet, "NOTE_KEY_UNKNOWN", "note", at(cpath, "note"), issues);
    }
  }

  const child = category["child"];
  if (child !== undefined) {
    if (!isObject(child) || !Object.values(child).every(isStringArray)) {
      issues.structural(
        "„category.child“ muss Kategorien auf Listen von Kategorien abbilden.",
        at(cpath, "child"),
      );
    } else if (idSet !== null) {
      validateChildren(child as Record<string, string[]>, idSet, at(cpath, "child"), issues);
    }
  }
}

/**
 * The category ids in index order, or null when the index is unusable. Without `index` the
 * dimension must have a single category, named by the only key of `label`.
 */
function categoryIds(
  category: JsonObject,
  cpath: string,
  expectedSize: number | undefined,
  issues: Issues,
): string[] | null {
  const index = category["index"];
  const ipath = at(cpath, "index");
  const countMismatch = (count: number): void => {
    if (expectedSize !== undefined && count !== expectedSize) {
      issues.error(
        "INDEX_COUNT_MISMATCH",
        `Die Dimension hat ${count} Kategorien, „size“ nennt ${expectedSize}.`,
        ipath,
      );
    }
  };

  if (index === undefined) {
    const label = category["label"];
    const keys = isObject(label) ? Object.keys(label) : [];
    if (keys.length !== 1) {
      issues.structural(
        "„category.index“ fehlt; ohne Index muss „label“ genau eine Kategorie nennen.",
        ipath,
      );
      return null;
    }
    countMismatch(1);
    return keys;
  }
  if (Array.isArray(index)) {
    if (!isStringArray(index)) {
      issues.structural("„category.index“ muss Kategorien als Zeichenketten nennen.", ipath);
      return null;
    }
    if (new Set(index).size !== index.length) {
      issues.structural("„category.index“ nennt eine Kategorie mehrfach.", ipath);
    }
    countMismatch(index.length);
    return index;
  }
  if (isObject(index)) {
    const entries = Object.entries(index);
    if (!entries.every(([, pos]) => Number.isInteger(pos))) {
      issues.structural("„category.index“ muss Kategorien auf ganze Zahlen abbilden.", ipath);
      return null;
    }
    countMismatch(entries.length);
    const positions = new Set(entries.map(([, pos]) => pos as number));
    const isPermutation =
      positions.size === entries.length &&
      [...positions].every((pos) => pos >= 0 && pos < entries.length);
    if (!isPermutation) {
      issues.error(
        "INDEX_POSITIONS_INVALID",
        `Die Positionen in „category.index“ müssen genau 0 bis ${entries.length - 1} sein, jede einmal.`,
        ipath,
      );
      return entries.map(([id]) => id);
    }
    return entries.sort((a, b) => (a[1] as number) - (b[1] as number)).map(([id]) => id);
  }
  issues.structural("„category.index“ muss eine Liste oder ein Objekt sein.", ipath);
  return null;
}

function checkKeys(
  obj: JsonObject,
  ids: ReadonlySet<string>,
  code: JsonStatIssueCode,
  member: string,
  path: string,
  issues: Issues,
): void {
  for (const key of Object.keys(obj)) {
    if (!ids.has(key)) {
      issues.error(
        code,
        `„category.${member}“ nennt die Kategorie „${key}“, die der Index nicht enthält.`,
        at(path, key),
      );
    }
  }
}

function validateUnit(unit: unknown, path: string, issues: Issues): void {
  if (!isObject(unit)) {
    issues.structural("Eine Einheit muss ein Objekt sein.", path);
    return;
  }
  const decimals = unit["decimals"];
  if (decimals !== undefined && !(Number.isInteger(decimals) && (decimals as number) >= 0)) {
    issues.structural("„decimals“ muss eine nicht negative ganze Zahl sein.", at(path, "decimals"));
  }
  for (const key of ["label", "symbol"] as const) {
    if (unit[key] !== undefined && typeof unit[key] !== "string") {
      issues.structural(`„${key}“ muss eine Zeichenkette sein.`, at(path, key));
    }
  }
  const position = unit["position"];
  if (position !== undefined && position !== "start" && position !== "end") {
    issues.structural("„position“ muss „start“ oder „end“ sein.", at(path, "position"));
  }
}

/** Every parent and child must be a category, and no category may be its own ancestor. */
function validateChildren(
  child: Readonly<Record<string, readonly string[]>>,
  ids: ReadonlySet<string>,
  path: string,
  issues: Issues,
): void {
  for (const [parent, children] of Object.entries(child)) {
    const unknown = [parent, ...children].filter((c) => !ids.has(c));
    if (unknown.length > 0) {
      issues.error(
        "CHILD_ID_UNKNOWN",
        `„category.child“ nennt Kategorien, die der Index nicht enthält: ${[...new Set(unknown)].join(", ")}.`,
        at(path, parent),
      );
    }
  }
  // Depth-first search with three colours; a grey node reached again closes a cycle.
  const state = new Map<string, "grey" | "black">();
  const visit = (node: string): string | null => {
    state.set(node, "grey");
    for (const next of child[node] ?? []) {
      if (!ids.has(next)) continue;
      const s = state.get(next);
      if (s === "grey") return next;
      if (s === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    state.set(node, "black");
    return null;
  };
  for (const parent of Object.keys(child)) {
    if (!ids.has(parent) || state.has(parent)) continue;
    const closing = visit(parent);
    if (closing !== null) {
      issues.error(
        "CHILD_CYCLE",
        `„category.child“ ist keine Hierarchie: „${closing}“ ist sein eigener Vorfahre.`,
        path,
      );
      return;
    }
  }
}

function validateCollection(doc: JsonObject, path: string, depth: number, issues: Issues): void {
  const link = doc["link"];
  const items = isObject(link) ? link["item"] : undefined;
  if (!Array.isArray(items)) {
    issues.structural("Eine Sammlung nennt ihre Einträge in „link.item“.", at(path, "link"));
    return;
  }
  items.forEach((item, k) => {
    const ipath = at(at(at(path, "link"), "item"), k);
    if (!isObject(item)) {
      issues.structural("Ein Eintrag einer Sammlung muss ein Objekt sein.", ipath);
      return;
    }
    const cls = item["class"];
    if (typeof cls !== "string" || !CLASSES.has(cls)) {
      issues.structural("Ein Eintrag braucht „class“ (dataset, dimension oder collection).", ipath);
      return;
    }
    if (isEmbedded(item, cls)) {
      validateResponse(item, ipath, depth + 1, false, issues);
    } else if (typeof item["href"] !== "string") {
      issues.structural("Ein verwiesener Eintrag braucht „href“.", at(ipath, "href"));
    }
  });
}

/** An item that carries its content rather than only pointing to it with `href`. */
function isEmbedded(item: JsonObject, cls: string): boolean {
  switch (cls) {
    case "dataset":
      return "id" in item || "dimension" in item || "value" in item;
    case "dimension":
      return "category" in item;
    default:
      return isObject(item["link"]);
  }
}
