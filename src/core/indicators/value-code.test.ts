import { describe, expect, it } from "vitest";
import { known, missing, suppressed, type Value } from "../value.ts";
import { PROVENANCE } from "./cube.ts";
import { VALUE_CODE, VALUE_CODE_BY_PROVENANCE, decodeValue, encodeValue } from "./value-code.ts";

describe("value codes", () => {
  it.each<[Value<number>, number]>([
    [known(4.5), VALUE_CODE.KNOWN],
    [missing("no_data"), VALUE_CODE.NO_DATA],
    [missing("incomplete_coverage"), VALUE_CODE.INCOMPLETE_COVERAGE],
    [missing("not_aggregable"), VALUE_CODE.NOT_AGGREGABLE],
    [missing("withheld_at_source"), VALUE_CODE.WITHHELD_AT_SOURCE],
    [missing("zero_denominator"), VALUE_CODE.ZERO_DENOMINATOR],
    [suppressed("small_count"), VALUE_CODE.SMALL_COUNT],
    [suppressed("secondary"), VALUE_CODE.SECONDARY],
  ])("encodes %o as %d and back", (value, code) => {
    expect(encodeValue(value)).toBe(code);
    expect(decodeValue(code, value.kind === "known" ? value.value : Number.NaN)).toEqual(value);
  });

  it("reads a byte that is no value code as no data", () => {
    expect(decodeValue(200, 1)).toEqual(missing("no_data"));
  });

  it("orders the missing reasons from least to most specific", () => {
    expect(VALUE_CODE.NO_DATA).toBeLessThan(VALUE_CODE.INCOMPLETE_COVERAGE);
    expect(VALUE_CODE.INCOMPLETE_COVERAGE).toBeLessThan(VALUE_CODE.NOT_AGGREGABLE);
    expect(VALUE_CODE.NOT_AGGREGABLE).toBeLessThan(VALUE_CODE.WITHHELD_AT_SOURCE);
  });

  it("maps every provenance to the reason cellValue gives", () => {
    expect(VALUE_CODE_BY_PROVENANCE).toEqual({
      [PROVENANCE.NO_DATA]: VALUE_CODE.NO_DATA,
      [PROVENANCE.OBSERVED]: VALUE_CODE.KNOWN,
      [PROVENANCE.WITHHELD_AT_SOURCE]: VALUE_CODE.WITHHELD_AT_SOURCE,
      [PROVENANCE.AGGREGATED]: VALUE_CODE.KNOWN,
      [PROVENANCE.INCOMPLETE]: VALUE_CODE.INCOMPLETE_COVERAGE,
      [PROVENANCE.NOT_AGGREGABLE]: VALUE_CODE.NOT_AGGREGABLE,
    });
  });
});
