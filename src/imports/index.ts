/**
 * The pure part of the import pipeline (no database, no HTTP, no file system): functions take
 * bytes or text and return data and issues. Services call `readObservations` (or the pieces
 * below it), then `validateObservations` with the stored catalogue, and write `toWrite` only
 * when no error remains. See docs/import-mapping.md for the mapping file.
 */
export { issue, hasErrors, type ImportIssue, type IssueCode, type IssueSeverity } from "./issue.ts";
export {
  decodeText,
  detectBinaryFormat,
  type DecodedText,
  type DeclaredEncoding,
  type TextEncoding,
} from "./text/decode.ts";
export {
  countFieldsPerRow,
  detectDelimiter,
  parseCsv,
  type CsvDelimiterOption,
  type CsvOptions,
  type CsvTable,
} from "./csv/parse-csv.ts";
export {
  formatNumber,
  GERMAN_NUMBERS,
  parseCell,
  parseNumber,
  type NumberFormat,
  type NumberParse,
} from "./numbers.ts";
export { cellToValue, readXlsx, type SheetCell, type SheetTable } from "./xlsx/read-xlsx.ts";
export {
  applyMapping,
  observationMappingSchema,
  OBSERVATION_STATUSES,
  parseMapping,
  parseMappingText,
  type MappingResult,
  type MappingSummary,
  type ObservationMapping,
  type ObservationRecord,
  type ObservationStatus,
  type TableCell,
  type TableInput,
} from "./mapping/mapping.ts";
export {
  readObservations,
  readTable,
  type ObservationsRead,
  type ReadTable,
  type TableReadOptions,
  type TableSource,
} from "./read-table.ts";
export { cellAsText, previewTable, type TablePreview } from "./preview-table.ts";
export {
  guessDecimal,
  suggestMapping,
  type MappingSuggestion,
  type SuggestedMapping,
  type SuggestInput,
} from "./mapping/suggest-mapping.ts";
export {
  validateObservations,
  type AreaInfo,
  type LevelName,
  type StoredFigure,
  type ValidationContext,
  type ValidationCounts,
  type ValidationResult,
  type VariableInfo,
} from "./validate/validate-observations.ts";
export {
  crsFromMember,
  readAreaFeatures,
  type AreaCrs,
  type AreaFeature,
  type AreaRead,
  type ReadAreaOptions,
} from "./geo/read-areas.ts";
