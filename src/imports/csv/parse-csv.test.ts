import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countFieldsPerRow, detectDelimiter, parseCsv, type CsvOptions } from "./parse-csv.ts";

/** Parses and fails the test on an error, so the cases below read as data. */
function parsed(text: string, options: CsvOptions = {}) {
  const r = parseCsv(text, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("parseCsv", () => {
  it.each<[string, string, CsvOptions, string[][], number[]]>([
    [
      "LF",
      "a;b\n1;2\n",
      {},
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "CRLF",
      "a;b\r\n1;2\r\n",
      {},
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "CR only",
      "a;b\r1;2\r3;4",
      {},
      [
        ["a", "b"],
        ["1", "2"],
        ["3", "4"],
      ],
      [1, 2, 3],
    ],
    [
      "no final newline",
      "a,b\n1,2",
      {},
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "quoted delimiter and escaped quote",
      'a,b\n"x, y","He said ""hi"""\n',
      {},
      [
        ["a", "b"],
        ["x, y", 'He said "hi"'],
      ],
      [1, 2],
    ],
    [
      "quoted newline keeps later line numbers right",
      'a;b\n"eins\nzwei\r\ndrei";2\n3;4\n',
      {},
      [
        ["a", "b"],
        ["eins\nzwei\r\ndrei", "2"],
        ["3", "4"],
      ],
      [1, 2, 5],
    ],
    [
      "empty and blank lines are skipped",
      "\na;b\n\n   \n1;2\r\n\r\n3;4\n\n",
      {},
      [
        ["a", "b"],
        ["1", "2"],
        ["3", "4"],
      ],
      [2, 5, 7],
    ],
    [
      "empty fields",
      ";;\n1;;3",
      {},
      [
        ["", "", ""],
        ["1", "", "3"],
      ],
      [1, 2],
    ],
    ["trailing delimiter at EOF", "a;b;", { delimiter: ";" }, [["a", "b", ""]], [1]],
    ["a quoted empty line is a row", 'x\n""\n', { delimiter: "," }, [["x"], [""]], [1, 2]],
    [
      "tab",
      "a\tb\n1\t2",
      {},
      [
        ["a", "b"],
        ["1", "2"],
      ],
      [1, 2],
    ],
    [
      "pipe",
      "id|name|wert\n1|x|2",
      {},
      [
        ["id", "name", "wert"],
        ["1", "x", "2"],
      ],
      [1, 2],
    ],
    [
      "stray quote inside an unquoted field is kept",
      'a;b\n5" Rohr;2\n',
      { delimiter: ";" },
      [
        ["a", "b"],
        ['5" Rohr', "2"],
      ],
      [1, 2],
    ],
    [
      "text after a closing quote is kept",
      'a;b\n"53,4"%;2\n',
      { delimiter: ";" },
      [
        ["a", "b"],
        ["53,4%", "2"],
      ],
      [1, 2],
    ],
  ])("%s", (_name, text, options, rows, lines) => {
    const t = parsed(text, options);
    expect(t.rows).toEqual(rows);
    expect(t.lines).toEqual(lines);
  });

  it("reports an unclosed quote with the line where the field starts", () => {
    const r = parseCsv('a;b\n1;2\n3;"offen\nweiter\n', { delimiter: ";" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: "unclosed_quote", severity: "error", row: 3 });
    expect(r.error.message).toContain("Zeile 3");
  });

  it("returns a single column when auto finds no delimiter", () => {
    const t = parsed("Gebiet\nAltstadt\nNeustadt\n");
    expect(t.delimiterDetected).toBe(false);
    expect(t.rows).toEqual([["Gebiet"], ["Altstadt"], ["Neustadt"]]);
  });

  it("uses an explicit delimiter even where another would split", () => {
    expect(parsed("id|name\n1|x", { delimiter: ";" }).rows).toEqual([["id|name"], ["1|x"]]);
  });
});

describe("detectDelimiter", () => {
  it.each<[string, string, string | null]>([
    ["German semicolon file with decimal commas", "Gebiet;Wert\nA;1,5\nB;2,25\n", ";"],
    ["comma file with quoted German decimals", 'id,wert\n1,"15,8"\n2,"24,6"\n', ","],
    ["semicolon preferred on a tie", "a;b,c\n1;2,3\n", ";"],
    ["tab", "a\tb\tc\n1\t2\t3", "\t"],
    ["pipe", "a|b\n1|2", "|"],
    ["consistency beats frequency", "a,b;c;d\n1,2;3\n4,5;6\n7,8;9;0\n", ","],
    ["delimiters inside quotes do not count", '"a;b;c",d\n"1;2;3",4\n', ","],
    ["nothing splits the first line", "Titel\na;b\n", null],
    [
      "seite53: header and rows disagree, still semicolon",
      "Kennzahl;2018;2019;2020;2012;2021\nAnzahl;96187;96920;96731;97882\nquote in %;50,3;50,3;50,2;50,3\n",
      ";",
    ],
  ])("%s", (_name, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it("starts detection after skipped title rows", () => {
    expect(detectDelimiter("Einwohner 2021, Stand Juni\nGebiet;Wert\nA;1\n", 1)).toBe(";");
  });
});

describe("countFieldsPerRow", () => {
  it("lists field counts, most common first", () => {
    expect(
      countFieldsPerRow([
        ["a", "b", "c"],
        ["1", "2"],
        ["3", "4"],
      ]),
    ).toEqual([
      { fields: 2, rows: 2 },
      { fields: 3, rows: 1 },
    ]);
  });
});

/** Writes rows as RFC 4180 CSV, quoting every field that needs it. */
function writeCsv(rows: string[][], delimiter: string, newline: string): string {
  const quote = (f: string) =>
    f.includes('"') ||
    f.includes(delimiter) ||
    f.includes("\n") ||
    f.includes("\r") ||
    f.trim() === ""
      ? `"${f.replace(/"/g, '""')}"`
      : f;
  return rows.map((r) => r.map(quote).join(delimiter)).join(newline) + newline;
}

describe("parseCsv properties", () => {
  it("reads back whatever a correct writer wrote", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "Ä", "1", ",", ";", '"', "\n", "\r", " ", "\t", "ß"),
      maxLength: 8,
    });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(";", ",", "\t", "|"),
        fc.constantFrom("\n", "\r\n", "\r"),
        (rows, delimiter, newline) => {
          const t = parsed(writeCsv(rows, delimiter, newline), {
            delimiter: delimiter as ";",
          });
          expect(t.rows).toEqual(rows);
          expect(t.lines).toHaveLength(rows.length);
          for (let i = 1; i < t.lines.length; i++) {
            expect(t.lines[i]).toBeGreaterThan(t.lines[i - 1]!);
          }
        },
      ),
    );
  });

  it("numbers each row by its physical line", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.stringMatching(/^[a-z0-9]{1,5}$/)), { minLength: 1 }),
        (spec) => {
          // Each entry: that many empty lines, then one data line.
          let text = "";
          const expected: number[] = [];
          let line = 1;
          for (const [blanks, word] of spec) {
            text += "\n".repeat(blanks);
            line += blanks;
            expected.push(line);
            text += `${word};x\n`;
            line++;
          }
          expect(parsed(text).lines).toEqual(expected);
        },
      ),
    );
  });
});

describe("parseCsv at scale", () => {
  it("parses 1,000,000 rows (about 40 MB) with the right line numbers", () => {
    const parts: string[] = ["gebiet;merkmal;jahr;wert;status\r\n"];
    for (let i = 0; i < 1_000_000; i++) {
      parts.push(
        `STGT${String(i % 13).padStart(2, "0")};einwohner_${i % 97};${2000 + (i % 22)};"${i % 9973},${i % 10}";endgültig\r\n`,
      );
    }
    const text = parts.join("");
    expect(text.length).toBeGreaterThan(35_000_000);
    const t = parsed(text);
    expect(t.rows).toHaveLength(1_000_001);
    expect(t.lines[1_000_000]).toBe(1_000_001);
  });
});
