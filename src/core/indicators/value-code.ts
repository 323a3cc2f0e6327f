import { known, missing, suppressed, type Value } from "../value.ts";
import { PROVENANCE, type Provenance } from "./cube.ts";

/**
 * One byte per cell that says what kind of `Value<number>` a typed-array result holds, so
 * hot loops need not allocate objects. `KNOWN` means the number beside it is valid; every
 * other code is a missing or suppression reason of `value.ts`. The missing codes are ordered
 * so that, when several terms of a sum are missing for different reasons, the larger code
 * (the more specific reason) is reported: withheld at source, then not aggregable, then
 * incomplete coverage, then no data.
 */
export const VALUE_CODE = {
  KNOWN: 0,
  NO_DATA: 1,
  INCOMPLETE_COVERAGE: 2,
  NOT_AGGREGABLE: 3,
  WITHHELD_AT_SOURCE: 4,
  ZERO_DENOMINATOR: 5,
  SMALL_COUNT: 6,
  SECONDARY: 7,
  UNDER_REVIEW: 8,
  NOT_RELIABLE: 9,
} as const;

export type ValueCode = (typeof VALUE_CODE)[keyof typeof VALUE_CODE];

/**
 * The value code per cube provenance (indexed by the `PROVENANCE` byte): observed and
 * aggregated cells are `KNOWN`, every other provenance maps to its missing reason.
 */
export const VALUE_CODE_BY_PROVENANCE: Readonly<Record<Provenance, ValueCode>> = {
  [PROVENANCE.NO_DATA]: VALUE_CODE.NO_DATA,
  [PROVENANCE.OBSERVED]: VALUE_CODE.KNOWN,
  [PROVENANCE.WITHHELD_AT_SOURCE]: VALUE_CODE.WITHHELD_AT_SOURCE,
  [PROVENANCE.AGGREGATED]: VALUE_CODE.KNOWN,
  [PROVENANCE.INCOMPLETE]: VALUE_CODE.INCOMPLETE_COVERAGE,
  [PROVENANCE.NOT_AGGREGABLE]: VALUE_CODE.NOT_AGGREGABLE,
};

/**
 * Turns a value code and the number stored beside it into a `Value<number>`; the number is
 * used only for `KNOWN`. A byte that is no value code is read as `no_data`.
 */
export function decodeValue(code: number, value: number): Value<number> {
  switch (code as ValueCode) {
    case VALUE_CODE.KNOWN:
      return known(value);
    case VALUE_CODE.NO_DATA:
      return missing("no_data");
    case VALUE_CODE.INCOMPLETE_COVERAGE:
      return missing("incomplete_coverage");
    case VALUE_CODE.NOT_AGGREGABLE:
      return missing("not_aggregable");
    case VALUE_CODE.WITHHELD_AT_SOURCE:
      return missing("withheld_at_source");
    case VALUE_CODE.ZERO_DENOMINATOR:
      return missing("zero_denominator");
    case VALUE_CODE.SMALL_COUNT:
      return suppressed("small_count");
    case VALUE_CODE.SECONDARY:
      return suppressed("secondary");
    case VALUE_CODE.UNDER_REVIEW:
      return missing("under_review");
    case VALUE_CODE.NOT_RELIABLE:
      return missing("not_reliable");
  }
  return missing("no_data");
}

/** The value code of a `Value<number>`: the inverse of `decodeValue`. */
export function encodeValue(value: Value<number>): ValueCode {
  switch (value.kind) {
    case "known":
      return VALUE_CODE.KNOWN;
    case "suppressed":
      return value.reason === "small_count" ? VALUE_CODE.SMALL_COUNT : VALUE_CODE.SECONDARY;
    case "missing":
      switch (value.reason) {
        case "no_data":
          return VALUE_CODE.NO_DATA;
        case "incomplete_coverage":
          return VALUE_CODE.INCOMPLETE_COVERAGE;
        case "not_aggregable":
          return VALUE_CODE.NOT_AGGREGABLE;
        case "withheld_at_source":
          return VALUE_CODE.WITHHELD_AT_SOURCE;
        case "zero_denominator":
          return VALUE_CODE.ZERO_DENOMINATOR;
        case "under_review":
          return VALUE_CODE.UNDER_REVIEW;
        case "not_reliable":
          return VALUE_CODE.NOT_RELIABLE;
      }
  }
}
