/**
 * The mapping of an observation import in one place: the schema of the mapping file, its
 * parser, and `applyMapping`, which turns a table into observation records.
 */
export {
  countCaptureGroups,
  formatPath,
  OBSERVATION_STATUSES,
  observationMappingSchema,
  parseMapping,
  parseMappingText,
  type AreaSpec,
  type ObservationMapping,
  type ObservationStatus,
  type ValueEntry,
} from "../../contracts/documents/observation-mapping.ts";
export {
  applyMapping,
  type MappingResult,
  type MappingSummary,
  type ObservationRecord,
  type TableCell,
  type TableInput,
} from "./apply-mapping.ts";
