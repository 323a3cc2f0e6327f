import { describe, expect, it } from "vitest";
import { parseCsv } from "../../imports/csv/parse-csv.ts";
import { sampleDataset } from "../open-dataset.test-support.ts";
import { neutraliseFormula, quoteField, writeCsv } from "./write-csv.ts";

const BOM = [0xef, 0xbb, 0xbf];

function rowsOf(bytes: Buffer, delimiter: ";" | ","): string[][] {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const parsed = parseCsv(text, { delimiter });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.rows;
}

describe("writeCsv, German dialect", () => {
  const bytes = writeCsv(sampleDataset(), "de");
  const rows = rowsOf(bytes, ";");

  it("starts with a UTF-8 byte order mark and ends every line with CRLF", () => {
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const text = bytes.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    // The sample has no line breaks inside fields, so every CR or LF is part of a CRLF.
    expect(text.split("\r\n").some((l) => /[\r\n]/.test(l))).toBe(false);
  });

  it("has the German headers and one row per indicator × area × period", () => {
    expect(rows[0]).toEqual([
      "Indikator",
      "Indikatorname",
      "Einheit",
      "Gebietsschlüssel",
      "Gebiet",
      "Zeitraum",
      "Wert",
      "Zeichen",
    ]);
    expect(rows).toHaveLength(1 + 3 * 3 * 2);
    expect(rows.slice(1).every((r) => r.length === 8)).toBe(true);
    // Indicators outermost, periods innermost.
    expect(rows.slice(1, 4).map((r) => [r[0], r[3], r[5]])).toEqual([
      ["einwohner", "01", "2021"],
      ["einwohner", "01", "2022-12-31"],
      ["einwohner", "02", "2021"],
    ]);
  });

  it("writes decimal commas, rounds to the indicator's decimals and keeps umlauts", () => {
    const find = (indicator: string, area: string, period: string) =>
      rows.find((r) => r[0] === indicator && r[3] === area && r[5] === period);
    expect(find("einwohner", "01", "2021")?.slice(6)).toEqual(["3739", ""]);
    expect(find("einwohner", "02", "2021")?.slice(6)).toEqual(["4725", ""]);
    expect(find("einwohner", "03", "2022-12-31")?.[6]).toBe("12345"); // no thousands separator
    expect(find("sgb2_quote", "01", "2021")?.[6]).toBe("12,3");
    expect(find("sgb2_quote", "01", "2022-12-31")?.[6]).toBe("12,0");
    expect(find("sgb2_quote", "02", "2022-12-31")?.[6]).toBe("0,0");
    expect(find("veraenderung", "01", "2022-12-31")?.[6]).toBe("2,68");
    expect(find("veraenderung", "02", "2022-12-31")?.[6]).toBe("0,00");
    expect(find("sgb2_quote", "01", "2021")?.[1]).toBe("SGB-II-Quote, Größe in %");
    expect(find("einwohner", "01", "2021")?.[1]).toBe("Einwohnerinnen und Einwohner");
  });

  it("shows only the table sign for withheld and missing values", () => {
    const flagged = rows.slice(1).filter((r) => r[7] !== "");
    expect(flagged.map((r) => [r[0], r[3], r[5], r[6], r[7]])).toEqual([
      ["einwohner", "02", "2022-12-31", "", "."],
      ["einwohner", "03", "2021", "", "."],
      ["sgb2_quote", "02", "2021", "", "."],
      ["sgb2_quote", "03", "2021", "", "x"],
      ["veraenderung", "02", "2021", "", "."],
      ["veraenderung", "03", "2022-12-31", "", "."],
    ]);
    const text = bytes.toString("utf8");
    expect(text).not.toMatch(/small_count|secondary|suppressed|zero_denominator|no_data/);
  });

  it("quotes fields with the separator or quotes and neutralises formulas", () => {
    const text = bytes.toString("utf8");
    expect(text).toContain(';"Jürgensby; ""Süd""";');
    const area2 = rows.find((r) => r[3] === "02");
    expect(area2?.[4]).toBe('Jürgensby; "Süd"');
    const area3 = rows.find((r) => r[3] === "03");
    expect(area3?.[4]).toBe(`'=HYPERLINK("http://böse.example")`);
    const change = rows.find((r) => r[0] === "veraenderung" && r[3] === "01" && r[5] === "2021");
    expect(change?.[1]).toBe("'-Veränderung zum Vorjahr");
    // A negative number is a number, not a formula: no apostrophe.
    expect(change?.[6]).toBe("-1,01");
  });
});

describe("writeCsv, international dialect", () => {
  const bytes = writeCsv(sampleDataset(), "intl");
  const rows = rowsOf(bytes, ",");

  it("has no byte order mark, English headers, decimal points and CRLF", () => {
    expect([...bytes.subarray(0, 3)]).not.toEqual(BOM);
    expect(bytes.toString("utf8").startsWith("indicator,indicator_name,unit,area_code,")).toBe(
      true,
    );
    expect(bytes.toString("utf8").split("\r\n")).toHaveLength(1 + 18 + 1);
    expect(rows[0]).toEqual([
      "indicator",
      "indicator_name",
      "unit",
      "area_code",
      "area",
      "period",
      "value",
      "flag",
    ]);
    const quote = rows.find((r) => r[0] === "sgb2_quote" && r[3] === "01" && r[5] === "2021");
    expect(quote?.[6]).toBe("12.3");
    // The comma in the name forces quoting in this dialect only.
    expect(bytes.toString("utf8")).toContain('"SGB-II-Quote, Größe in %"');
    expect(quote?.[1]).toBe("SGB-II-Quote, Größe in %");
    const withheld = rows.find((r) => r[0] === "sgb2_quote" && r[3] === "03" && r[5] === "2021");
    expect(withheld?.slice(6)).toEqual(["", "x"]);
  });
});

describe("writeCsv helpers", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+49 461", "'+49 461"],
    ["-Veränderung", "'-Veränderung"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["Altstadt", "Altstadt"],
    ["a=b", "a=b"],
  ])("neutraliseFormula(%j) = %j", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each([
    ["plain", ";", "plain"],
    ["a;b", ";", '"a;b"'],
    ["a,b", ";", "a,b"],
    ["a,b", ",", '"a,b"'],
    ['say "hi"', ";", '"say ""hi"""'],
    ["two\nlines", ";", '"two\nlines"'],
    ["cr\ronly", ",", '"cr\ronly"'],
  ])("quoteField(%j, %j) = %j", (input, separator, expected) => {
    expect(quoteField(input, separator)).toBe(expected);
  });

  it("refuses cells that do not match indicators × areas × periods", () => {
    const ds = sampleDataset();
    expect(() => writeCsv({ ...ds, periods: ds.periods.slice(1) }, "de")).toThrow(RangeError);
  });
});
