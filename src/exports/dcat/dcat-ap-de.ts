import { DataFactory, Writer, type BlankNode, type NamedNode, type Quad } from "n3";

/**
 * The open-data catalogue of a workspace in DCAT-AP.de 2.0, the German application profile of
 * DCAT-AP that GovData (the federal open-data portal) harvests, as Turtle and as JSON-LD.
 * Vocabulary: W3C DCAT 2 (dcat:), DCMI terms (dct:), the DCAT-AP.de extension (dcatde:,
 * http://dcat-ap.de/def/dcatde/), FOAF, vCard, GeoSPARQL for the bounding box, and the EU
 * controlled vocabularies for data themes, file types and languages.
 */

export const NS = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  dcatde: "http://dcat-ap.de/def/dcatde/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  gsp: "http://www.opengis.net/ont/geosparql#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
} as const;

/** Datenlizenz Deutschland – Namensnennung – Version 2.0, the default licence. */
export const DEFAULT_LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";

const DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/";
const FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const LANGUAGE_GERMAN = "http://publications.europa.eu/resource/authority/language/DEU";
const IANA_MEDIA_TYPE = "http://www.iana.org/assignments/media-types/";
const GEOCODING_LEVEL_MUNICIPALITY = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality";
const GEOCODING_MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/";

/** The EU data themes (Data Theme authority table); social planning data is mostly SOCI. */
export type DataTheme =
  | "AGRI"
  | "ECON"
  | "EDUC"
  | "ENER"
  | "ENVI"
  | "GOVE"
  | "HEAL"
  | "INTR"
  | "JUST"
  | "OP_DATPRO"
  | "REGI"
  | "SOCI"
  | "TECH"
  | "TRAN";

/** Codes of the EU File Type authority table for the formats Sopla publishes. */
export type DistributionFormat =
  "CSV" | "XLSX" | "GEOJSON" | "JSON" | "JSON_LD" | "RDF_TURTLE" | "PDF" | "HTML" | "ZIP";

/** The IANA media type of each format, used when a distribution names none. */
const DEFAULT_MEDIA_TYPES: Record<DistributionFormat, string> = {
  CSV: "text/csv",
  XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  GEOJSON: "application/geo+json",
  JSON: "application/json",
  JSON_LD: "application/ld+json",
  RDF_TURTLE: "text/turtle",
  PDF: "application/pdf",
  HTML: "text/html",
  ZIP: "application/zip",
};

export interface DcatCatalogue {
  readonly title: string;
  readonly description: string;
  /** The catalogue's web page (foaf:homepage). */
  readonly homepage: string;
  readonly publisher: { readonly name: string; readonly url: string | null };
  readonly contactEmail: string;
  /** Licence URI of every distribution; defaults to `DEFAULT_LICENCE`. */
  readonly licence?: string;
  /** The attribution the licence asks for (dcatde:licenseAttributionByText). */
  readonly attributionText?: string;
  /**
   * The provider's id in GovData's list of data providers, an IRI under
   * http://dcat-ap.de/def/contributors/ (dcatde:contributorID); omitted when not given.
   */
  readonly contributorId?: string;
  /** The municipality's AGS (Amtlicher Gemeindeschlüssel), 8 digits. */
  readonly municipalityKey: string;
  /** Base of the IRIs: `<baseUrl>/catalog`, `<baseUrl>/datasets/<id>`. */
  readonly baseUrl: string;
}

export interface DcatDistribution {
  readonly url: string;
  readonly format: DistributionFormat;
  /** IANA media type such as "text/csv"; defaults from the format. */
  readonly mediaType?: string;
  readonly title: string;
}

export interface DcatDataset {
  /** Stable id within the workspace; part of the dataset IRI. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  /** EU data themes; defaults to ["SOCI"]. */
  readonly themes?: readonly DataTheme[];
  /** ISO dates (YYYY-MM-DD) of the first and last day the data covers. */
  readonly temporal: { readonly start: string; readonly end: string };
  /** [minLon, minLat, maxLon, maxLat] in WGS 84. */
  readonly bbox: readonly [number, number, number, number];
  /** ISO date (YYYY-MM-DD) or date-time of the last change of the data. */
  readonly modified: string;
  readonly distributions: readonly DcatDistribution[];
}

const { namedNode, blankNode, literal, quad } = DataFactory;

const iri = (ns: keyof typeof NS, local: string): NamedNode => namedNode(NS[ns] + local);
const RDF_TYPE = iri("rdf", "type");

/**
 * The catalogue as RDF quads (default graph), grouped by subject in a fixed order: the
 * catalogue, its publisher and contact point (shared blank nodes), then each dataset with its
 * period of time, location and distributions. Texts are German (@de).
 *
 * IRIs: catalogue `<baseUrl>/catalog`, dataset `<baseUrl>/datasets/<id>` (its dct:identifier
 * too), distribution `<dataset IRI>#distribution-<n>` (1-based). Throws a `RangeError` for an
 * AGS that is not 8 digits, a malformed date or bounding box, or a repeated dataset id.
 */
export function buildDcatQuads(catalogue: DcatCatalogue, datasets: readonly DcatDataset[]): Quad[] {
  if (!/^\d{8}$/.test(catalogue.municipalityKey)) {
    throw new RangeError(`municipality key ${catalogue.municipalityKey} is not an 8-digit AGS`);
  }
  const ids = new Set<string>();
  for (const d of datasets) {
    if (ids.has(d.id)) throw new RangeError(`dataset id ${d.id} occurs twice`);
    ids.add(d.id);
  }

  const base = catalogue.baseUrl.replace(/\/+$/, "");
  const licence = namedNode(catalogue.licence ?? DEFAULT_LICENCE);
  const catalogIri = namedNode(`${base}/catalog`);
  const publisher = blankNode("herausgeber");
  const contact = blankNode("kontakt");
  const datasetIri = (d: DcatDataset) => namedNode(`${base}/datasets/${encodeURIComponent(d.id)}`);

  const quads: Quad[] = [];
  const add = (s: NamedNode | BlankNode, p: NamedNode, o: Quad["object"]): void => {
    quads.push(quad(s, p, o));
  };
  const german = (text: string) => literal(text, "de");

  add(catalogIri, RDF_TYPE, iri("dcat", "Catalog"));
  add(catalogIri, iri("dct", "title"), german(catalogue.title));
  add(catalogIri, iri("dct", "description"), german(catalogue.description));
  add(catalogIri, iri("dct", "publisher"), publisher);
  add(catalogIri, iri("foaf", "homepage"), namedNode(catalogue.homepage));
  add(catalogIri, iri("dct", "language"), namedNode(LANGUAGE_GERMAN));
  add(catalogIri, iri("dct", "license"), licence);
  for (const d of datasets) add(catalogIri, iri("dcat", "dataset"), datasetIri(d));

  add(publisher, RDF_TYPE, iri("foaf", "Organization"));
  add(publisher, iri("foaf", "name"), german(catalogue.publisher.name));
  if (catalogue.publisher.url !== null) {
    add(publisher, iri("foaf", "homepage"), namedNode(catalogue.publisher.url));
  }

  add(contact, RDF_TYPE, iri("vcard", "Organization"));
  add(contact, iri("vcard", "fn"), german(catalogue.publisher.name));
  add(contact, iri("vcard", "hasEmail"), namedNode(`mailto:${catalogue.contactEmail}`));

  datasets.forEach((d, k) => {
    const ds = datasetIri(d);
    const period = blankNode(`zeitraum-${k + 1}`);
    const location = blankNode(`raum-${k + 1}`);
    const modified = dateLiteral(d.modified);

    add(ds, RDF_TYPE, iri("dcat", "Dataset"));
    add(ds, iri("dct", "title"), german(d.title));
    add(ds, iri("dct", "description"), german(d.description));
    add(ds, iri("dct", "identifier"), literal(ds.value));
    for (const keyword of d.keywords) add(ds, iri("dcat", "keyword"), german(keyword));
    for (const theme of d.themes ?? ["SOCI"]) {
      add(ds, iri("dcat", "theme"), namedNode(DATA_THEME + theme));
    }
    add(ds, iri("dct", "publisher"), publisher);
    add(ds, iri("dcat", "contactPoint"), contact);
    add(ds, iri("dct", "license"), licence);
    add(ds, iri("dct", "language"), namedNode(LANGUAGE_GERMAN));
    add(ds, iri("dcatde", "politicalGeocodingLevelURI"), namedNode(GEOCODING_LEVEL_MUNICIPALITY));
    add(
      ds,
      iri("dcatde", "politicalGeocodingURI"),
      namedNode(GEOCODING_MUNICIPALITY_KEY + catalogue.municipalityKey),
    );
    if (catalogue.contributorId !== undefined) {
      add(ds, iri("dcatde", "contributorID"), namedNode(catalogue.contributorId));
    }
    add(ds, iri("dct", "temporal"), period);
    add(ds, iri("dct", "spatial"), location);
    add(ds, iri("dct", "modified"), modified);
    d.distributions.forEach((_dist, n) => {
      add(ds, iri("dcat", "distribution"), namedNode(`${ds.value}#distribution-${n + 1}`));
    });

    add(period, RDF_TYPE, iri("dct", "PeriodOfTime"));
    add(period, iri("dcat", "startDate"), dateLiteral(d.temporal.start, "date"));
    add(period, iri("dcat", "endDate"), dateLiteral(d.temporal.end, "date"));

    add(location, RDF_TYPE, iri("dct", "Location"));
    add(location, iri("dcat", "bbox"), literal(bboxWkt(d.bbox), iri("gsp", "wktLiteral")));

    d.distributions.forEach((dist, n) => {
      const di = namedNode(`${ds.value}#distribution-${n + 1}`);
      add(di, RDF_TYPE, iri("dcat", "Distribution"));
      add(di, iri("dct", "title"), german(dist.title));
      add(di, iri("dcat", "accessURL"), namedNode(dist.url));
      add(di, iri("dcat", "downloadURL"), namedNode(dist.url));
      add(di, iri("dct", "format"), namedNode(FILE_TYPE + dist.format));
      add(
        di,
        iri("dcat", "mediaType"),
        namedNode(IANA_MEDIA_TYPE + (dist.mediaType ?? DEFAULT_MEDIA_TYPES[dist.format])),
      );
      add(di, iri("dct", "license"), licence);
      if (catalogue.attributionText !== undefined) {
        add(di, iri("dcatde", "licenseAttributionByText"), german(catalogue.attributionText));
      }
      add(di, iri("dct", "modified"), modified);
    });
  });
  return quads;
}

/** The catalogue as Turtle with the usual prefixes (dcat, dct, dcatde, foaf, vcard, …). */
export function writeDcatTurtle(
  catalogue: DcatCatalogue,
  datasets: readonly DcatDataset[],
): string {
  const quads = buildDcatQuads(catalogue, datasets);
  const writer = new Writer({ prefixes: NS });
  writer.addQuads(quads);
  let turtle = "";
  // Without an output stream the writer collects into a string and calls back at once.
  writer.end((error: Error | null, result: string) => {
    if (error != null) throw error;
    turtle = result;
  });
  return turtle;
}

export type JsonLdTerm =
  | { readonly "@id": string }
  | { readonly "@value": string; readonly "@language"?: string; readonly "@type"?: string };

export interface JsonLdNode {
  readonly "@id": string;
  readonly "@type"?: string[];
  readonly [property: string]: string | string[] | JsonLdTerm[] | undefined;
}

export interface JsonLdDocument {
  readonly "@context": Readonly<Record<string, string>>;
  readonly "@graph": JsonLdNode[];
}

/**
 * The same graph as `writeDcatTurtle`, as flattened JSON-LD: one node object per subject in
 * `@graph`, property names and types as compact IRIs of the `@context` prefixes, every value
 * an array of `{ "@id" }` or `{ "@value", "@language" | "@type" }` objects, blank nodes as
 * "_:label". Expanding it gives exactly the Turtle's triples.
 */
export function writeDcatJsonLd(
  catalogue: DcatCatalogue,
  datasets: readonly DcatDataset[],
): JsonLdDocument {
  interface Subject {
    readonly types: string[];
    readonly properties: Map<string, JsonLdTerm[]>;
  }
  const subjects = new Map<string, Subject>();
  for (const q of buildDcatQuads(catalogue, datasets)) {
    const id = termId(q.subject);
    let subject = subjects.get(id);
    if (subject === undefined) {
      subject = { types: [], properties: new Map() };
      subjects.set(id, subject);
    }
    if (q.predicate.equals(RDF_TYPE)) {
      subject.types.push(compact(q.object.value));
      continue;
    }
    const key = compact(q.predicate.value);
    const values = subject.properties.get(key) ?? [];
    values.push(jsonLdTerm(q.object));
    subject.properties.set(key, values);
  }
  const graph = [...subjects].map(([id, { types, properties }]): JsonLdNode => ({
    "@id": id,
    ...(types.length > 0 ? { "@type": types } : {}),
    ...Object.fromEntries(properties),
  }));
  return { "@context": { ...NS }, "@graph": graph };
}

function termId(term: Quad["subject"]): string {
  return term.termType === "BlankNode" ? `_:${term.value}` : term.value;
}

function jsonLdTerm(term: Quad["object"]): JsonLdTerm {
  switch (term.termType) {
    case "NamedNode":
      return { "@id": term.value };
    case "BlankNode":
      return { "@id": `_:${term.value}` };
    case "Literal":
      if (term.language !== "") return { "@value": term.value, "@language": term.language };
      if (term.datatype.value === `${NS.xsd}string`) return { "@value": term.value };
      return { "@value": term.value, "@type": compact(term.datatype.value) };
    case "Variable":
      throw new TypeError(`unexpected ${term.termType} in the catalogue graph`);
  }
}

/** `iri` as prefix:local when a prefix of `NS` covers it, else unchanged. */
function compact(value: string): string {
  for (const [prefix, ns] of Object.entries(NS)) {
    if (value.startsWith(ns) && value.length > ns.length)
      return `${prefix}:${value.slice(ns.length)}`;
  }
  return value;
}

/**
 * An xsd:date literal for "YYYY-MM-DD" (a real calendar date) or an xsd:dateTime literal for
 * an ISO date-time with time zone; `only` restricts to dates.
 */
function dateLiteral(value: string, only?: "date") {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)) {
      return literal(value, iri("xsd", "date"));
    }
  } else if (
    only === undefined &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return literal(value, iri("xsd", "dateTime"));
  }
  throw new RangeError(`${value} is not an ISO ${only ?? "date or date-time"}`);
}

/** The bounding box as a closed WKT polygon in longitude–latitude order (CRS84). */
export function bboxWkt(bbox: readonly [number, number, number, number]): string {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const ok =
    bbox.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!ok)
    throw new RangeError(`bounding box ${bbox.join(",")} is not [minLon,minLat,maxLon,maxLat]`);
  const corners = [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
  return `POLYGON((${corners.map(([x, y]) => `${x} ${y}`).join(", ")}))`;
}
