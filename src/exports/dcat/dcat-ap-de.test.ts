import { DataFactory, Parser, type Quad } from "n3";
import { describe, expect, it } from "vitest";
import {
  bboxWkt,
  buildDcatQuads,
  DEFAULT_LICENCE,
  NS,
  writeDcatJsonLd,
  writeDcatTurtle,
  type DcatCatalogue,
  type DcatDataset,
  type JsonLdDocument,
  type JsonLdTerm,
} from "./dcat-ap-de.ts";

const catalogue: DcatCatalogue = {
  title: "Offene Sozialdaten Flensburg",
  description: "Kleinräumige Sozialindikatoren der Stadt Flensburg für Stadtteile.",
  homepage: "https://sopla.flensburg.example/",
  publisher: { name: "Stadt Flensburg", url: "https://www.flensburg.de/" },
  contactEmail: "sozialplanung@flensburg.example",
  attributionText: "© Stadt Flensburg",
  contributorId: "http://dcat-ap.de/def/contributors/schleswigHolstein",
  municipalityKey: "01001000",
  baseUrl: "https://sopla.flensburg.example/api/open-data/",
};

const datasets: DcatDataset[] = [
  {
    id: "stadtteile",
    title: "Sozialatlas Flensburg – Stadtteile",
    description: "Einwohner, SGB-II-Quote und Veränderungen je Stadtteil.",
    keywords: ["Sozialplanung", "Stadtteile", "Bevölkerung"],
    temporal: { start: "2021-01-01", end: "2022-12-31" },
    bbox: [9.35, 54.74, 9.5, 54.83],
    modified: "2024-03-06",
    distributions: [
      {
        url: "https://sopla.flensburg.example/api/open-data/stadtteile.csv",
        format: "CSV",
        title: "Tabelle (CSV)",
      },
      {
        url: "https://sopla.flensburg.example/api/open-data/stadtteile.json",
        format: "JSON",
        mediaType: "application/json",
        title: "JSON-stat",
      },
    ],
  },
  {
    id: "kitas 2024",
    title: "Kita-Versorgung",
    description: "Plätze je Kind.",
    keywords: ["Kinder"],
    themes: ["SOCI", "EDUC"],
    temporal: { start: "2024-01-01", end: "2024-12-31" },
    bbox: [9.35, 54.74, 9.5, 54.83],
    modified: "2024-03-06T10:15:00+01:00",
    distributions: [
      {
        url: "https://sopla.flensburg.example/api/open-data/kitas.xlsx",
        format: "XLSX",
        title: "Tabelle (Excel)",
      },
    ],
  },
];

const { namedNode } = DataFactory;
const BASE = "https://sopla.flensburg.example/api/open-data";
const CATALOG = `${BASE}/catalog`;
const DS1 = `${BASE}/datasets/stadtteile`;
const DS2 = `${BASE}/datasets/kitas%202024`;

type Prefix = keyof typeof NS;
const full = (curie: `${Prefix}:${string}`): string => {
  const [prefix, local] = curie.split(":") as [Prefix, string];
  return NS[prefix] + local;
};

/** The triples as comparable strings: subject, predicate, object in N-Triples-like form. */
function key(q: Quad): string {
  const term = (t: Quad["subject"] | Quad["object"]): string => {
    switch (t.termType) {
      case "NamedNode":
        return `<${t.value}>`;
      case "BlankNode":
        return `_:${t.value}`;
      case "Literal":
        return t.language !== ""
          ? `"${t.value}"@${t.language}`
          : `"${t.value}"^^<${t.datatype.value}>`;
      case "Variable":
        return `?${t.value}`;
    }
  };
  return `${term(q.subject)} <${q.predicate.value}> ${term(q.object)}`;
}

describe("writeDcatTurtle", () => {
  const turtle = writeDcatTurtle(catalogue, datasets);
  const quads = new Parser({ blankNodePrefix: "" }).parse(turtle);
  const termKey = (t: Quad["subject"]) => (t.termType === "BlankNode" ? `_:${t.value}` : t.value);
  const objects = (s: string, p: `${Prefix}:${string}`) =>
    quads
      .filter((q) => termKey(q.subject) === s && q.predicate.value === full(p))
      .map((q) => q.object);
  const one = (s: string, p: `${Prefix}:${string}`) => {
    const found = objects(s, p);
    expect(found, `${s} ${p}`).toHaveLength(1);
    return found[0]!;
  };
  const isA = (s: string, cls: `${Prefix}:${string}`) =>
    objects(s, "rdf:type").some((o) => o.value === full(cls));

  it("declares the prefixes and parses back to the same triples", () => {
    expect(turtle).toContain("@prefix dcat: <http://www.w3.org/ns/dcat#>.");
    expect(turtle).toContain("@prefix dcatde: <http://dcat-ap.de/def/dcatde/>.");
    expect(quads.map(key).sort()).toEqual(buildDcatQuads(catalogue, datasets).map(key).sort());
  });

  it("describes the catalogue", () => {
    expect(isA(CATALOG, "dcat:Catalog")).toBe(true);
    expect(one(CATALOG, "dct:title").value).toBe("Offene Sozialdaten Flensburg");
    expect(one(CATALOG, "dct:description").value).toContain("Sozialindikatoren");
    expect(one(CATALOG, "foaf:homepage").value).toBe("https://sopla.flensburg.example/");
    expect(one(CATALOG, "dct:language").value).toBe(
      "http://publications.europa.eu/resource/authority/language/DEU",
    );
    expect(objects(CATALOG, "dcat:dataset").map((o) => o.value)).toEqual([DS1, DS2]);
    const publisher = one(CATALOG, "dct:publisher");
    expect(publisher.termType).toBe("BlankNode");
    expect(isA(`_:${publisher.value}`, "foaf:Organization")).toBe(true);
    expect(one(`_:${publisher.value}`, "foaf:name").value).toBe("Stadt Flensburg");
  });

  it("describes each dataset with the properties GovData expects", () => {
    expect(isA(DS1, "dcat:Dataset")).toBe(true);
    const title = one(DS1, "dct:title");
    expect(title.value).toBe("Sozialatlas Flensburg – Stadtteile");
    expect(title.termType === "Literal" && title.language).toBe("de");
    expect(one(DS1, "dct:description").value).toContain("Veränderungen");
    expect(one(DS1, "dct:identifier").value).toBe(DS1);
    expect(objects(DS1, "dcat:keyword").map((o) => o.value)).toEqual([
      "Sozialplanung",
      "Stadtteile",
      "Bevölkerung",
    ]);
    expect(one(DS1, "dcat:theme").value).toBe(
      "http://publications.europa.eu/resource/authority/data-theme/SOCI",
    );
    expect(objects(DS2, "dcat:theme").map((o) => o.value.split("/").pop())).toEqual([
      "SOCI",
      "EDUC",
    ]);
    expect(one(DS1, "dct:license").value).toBe(DEFAULT_LICENCE);
    expect(one(DS1, "dcatde:politicalGeocodingLevelURI").value).toBe(
      "http://dcat-ap.de/def/politicalGeocoding/Level/municipality",
    );
    expect(one(DS1, "dcatde:politicalGeocodingURI").value).toBe(
      "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/01001000",
    );
    expect(one(DS1, "dcatde:contributorID").value).toBe(
      "http://dcat-ap.de/def/contributors/schleswigHolstein",
    );
    const modified = one(DS1, "dct:modified");
    expect(modified.termType === "Literal" && modified.datatype.value).toBe(full("xsd:date"));
    const modified2 = one(DS2, "dct:modified");
    expect(modified2.termType === "Literal" && modified2.datatype.value).toBe(full("xsd:dateTime"));

    const publisher = one(DS1, "dct:publisher");
    expect(publisher.equals(one(CATALOG, "dct:publisher"))).toBe(true);
    const contact = `_:${one(DS1, "dcat:contactPoint").value}`;
    expect(isA(contact, "vcard:Organization")).toBe(true);
    expect(one(contact, "vcard:fn").value).toBe("Stadt Flensburg");
    expect(one(contact, "vcard:hasEmail")).toEqual(
      namedNode("mailto:sozialplanung@flensburg.example"),
    );

    const period = `_:${one(DS1, "dct:temporal").value}`;
    expect(isA(period, "dct:PeriodOfTime")).toBe(true);
    const start = one(period, "dcat:startDate");
    expect(start.value).toBe("2021-01-01");
    expect(start.termType === "Literal" && start.datatype.value).toBe(full("xsd:date"));
    expect(one(period, "dcat:endDate").value).toBe("2022-12-31");

    const location = `_:${one(DS1, "dct:spatial").value}`;
    expect(isA(location, "dct:Location")).toBe(true);
    const bbox = one(location, "dcat:bbox");
    expect(bbox.value).toBe("POLYGON((9.35 54.74, 9.5 54.74, 9.5 54.83, 9.35 54.83, 9.35 54.74))");
    expect(bbox.termType === "Literal" && bbox.datatype.value).toBe(full("gsp:wktLiteral"));
  });

  it("describes each distribution", () => {
    const dists = objects(DS1, "dcat:distribution").map((o) => o.value);
    expect(dists).toEqual([`${DS1}#distribution-1`, `${DS1}#distribution-2`]);
    const [csv, json] = dists as [string, string];
    expect(isA(csv, "dcat:Distribution")).toBe(true);
    expect(one(csv, "dct:title").value).toBe("Tabelle (CSV)");
    expect(one(csv, "dcat:accessURL").value).toBe(`${BASE}/stadtteile.csv`);
    expect(one(csv, "dcat:downloadURL").value).toBe(`${BASE}/stadtteile.csv`);
    expect(one(csv, "dct:format").value).toBe(
      "http://publications.europa.eu/resource/authority/file-type/CSV",
    );
    expect(one(csv, "dcat:mediaType").value).toBe(
      "http://www.iana.org/assignments/media-types/text/csv",
    );
    expect(one(csv, "dct:license").value).toBe(DEFAULT_LICENCE);
    expect(one(csv, "dcatde:licenseAttributionByText").value).toBe("© Stadt Flensburg");
    expect(one(csv, "dct:modified").value).toBe("2024-03-06");
    expect(one(json, "dct:format").value.endsWith("/file-type/JSON")).toBe(true);
    const xlsx = `${DS2}#distribution-1`;
    expect(one(xlsx, "dcat:mediaType").value).toBe(
      "http://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("uses the given licence and leaves optional properties out when not given", () => {
    const custom: DcatCatalogue = {
      title: catalogue.title,
      description: catalogue.description,
      homepage: catalogue.homepage,
      publisher: { name: "Stadt Flensburg", url: null },
      contactEmail: catalogue.contactEmail,
      municipalityKey: catalogue.municipalityKey,
      baseUrl: catalogue.baseUrl,
      licence: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    };
    const q = new Parser().parse(writeDcatTurtle(custom, datasets));
    const predicates = new Set(q.map((x) => x.predicate.value));
    expect(predicates.has(full("dcatde:contributorID"))).toBe(false);
    expect(predicates.has(full("dcatde:licenseAttributionByText"))).toBe(false);
    expect(predicates.has(full("foaf:homepage"))).toBe(true); // the catalogue's, not the publisher's
    expect(q.filter((x) => x.predicate.value === full("foaf:homepage"))).toHaveLength(1);
    const licences = new Set(
      q.filter((x) => x.predicate.value === full("dct:license")).map((x) => x.object.value),
    );
    expect([...licences]).toEqual(["http://dcat-ap.de/def/licenses/dl-zero-de/2.0"]);
  });

  it("refuses malformed input", () => {
    expect(() => writeDcatTurtle({ ...catalogue, municipalityKey: "1001000" }, datasets)).toThrow(
      RangeError,
    );
    const bad = (patch: Partial<DcatDataset>) => [{ ...datasets[0]!, ...patch }];
    expect(() => writeDcatTurtle(catalogue, bad({ modified: "06.03.2024" }))).toThrow(RangeError);
    expect(() =>
      writeDcatTurtle(catalogue, bad({ temporal: { start: "2021-02-30", end: "2021-12-31" } })),
    ).toThrow(RangeError);
    expect(() =>
      writeDcatTurtle(
        catalogue,
        bad({ temporal: { start: "2021-01-01T00:00Z", end: "2021-12-31" } }),
      ),
    ).toThrow(RangeError);
    expect(() => writeDcatTurtle(catalogue, [datasets[0]!, datasets[0]!])).toThrow(/twice/);
    expect(() => bboxWkt([9.5, 54.74, 9.35, 54.83])).toThrow(RangeError);
    expect(() => bboxWkt([9.35, 95, 9.5, 96])).toThrow(RangeError);
  });
});

/** Expands our flattened JSON-LD (prefixes only, no other context features) to triples. */
function expandFlattened(doc: JsonLdDocument): string[] {
  const expand = (curie: string): string => {
    const colon = curie.indexOf(":");
    const ns = doc["@context"][curie.slice(0, colon)];
    return ns !== undefined && !curie.startsWith("_:") ? ns + curie.slice(colon + 1) : curie;
  };
  const node = (id: string) => (id.startsWith("_:") ? id : `<${id}>`);
  const triples: string[] = [];
  for (const n of doc["@graph"]) {
    for (const [prop, raw] of Object.entries(n)) {
      if (prop === "@id") continue;
      if (prop === "@type") {
        for (const t of raw as string[]) {
          triples.push(`${node(n["@id"])} <${NS.rdf}type> <${expand(t)}>`);
        }
        continue;
      }
      for (const v of raw as JsonLdTerm[]) {
        const object =
          "@id" in v
            ? node(v["@id"])
            : v["@language"] !== undefined
              ? `"${v["@value"]}"@${v["@language"]}`
              : `"${v["@value"]}"^^<${v["@type"] !== undefined ? expand(v["@type"]) : `${NS.xsd}string`}>`;
        triples.push(`${node(n["@id"])} <${expand(prop)}> ${object}`);
      }
    }
  }
  return triples;
}

describe("writeDcatJsonLd", () => {
  const doc = JSON.parse(JSON.stringify(writeDcatJsonLd(catalogue, datasets))) as JsonLdDocument;

  it("carries the same facts as the Turtle", () => {
    const turtle = new Parser({ blankNodePrefix: "" }).parse(writeDcatTurtle(catalogue, datasets));
    expect(expandFlattened(doc).sort()).toEqual(turtle.map(key).sort());
  });

  it("reads as plain JSON with compact property names", () => {
    expect(doc["@context"]["dcatde"]).toBe("http://dcat-ap.de/def/dcatde/");
    const byId = new Map(doc["@graph"].map((n) => [n["@id"], n]));
    const catalog = byId.get(CATALOG);
    expect(catalog?.["@type"]).toEqual(["dcat:Catalog"]);
    expect(catalog?.["dct:title"]).toEqual([
      { "@value": "Offene Sozialdaten Flensburg", "@language": "de" },
    ]);
    const ds = byId.get(DS1);
    expect(ds?.["dcatde:politicalGeocodingURI"]).toEqual([
      { "@id": "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/01001000" },
    ]);
    expect(ds?.["dcat:theme"]).toEqual([
      { "@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI" },
    ]);
    expect(ds?.["dct:publisher"]).toEqual([{ "@id": "_:herausgeber" }]);
    const period = byId.get("_:zeitraum-1");
    expect(period?.["dcat:startDate"]).toEqual([{ "@value": "2021-01-01", "@type": "xsd:date" }]);
    const location = byId.get("_:raum-1");
    expect(location?.["dcat:bbox"]).toEqual([
      {
        "@value": "POLYGON((9.35 54.74, 9.5 54.74, 9.5 54.83, 9.35 54.83, 9.35 54.74))",
        "@type": "gsp:wktLiteral",
      },
    ]);
    expect(byId.get("_:kontakt")?.["vcard:hasEmail"]).toEqual([
      { "@id": "mailto:sozialplanung@flensburg.example" },
    ]);
    expect(byId.get(`${DS1}#distribution-1`)?.["dct:format"]).toEqual([
      { "@id": "http://publications.europa.eu/resource/authority/file-type/CSV" },
    ]);
  });
});
