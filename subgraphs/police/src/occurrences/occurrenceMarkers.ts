import { SafeguardingMarker } from "@tessera/kit";
import { OCCURRENCE_MARKERS_1796700000000 } from "../migrations/1796700000000-OccurrenceMarkersAndRelationships";

/**
 * The markers an officer records as qualifiers of an occurrence: exactly those the database's
 * `occurrence_markers` constraint allows, read from the migration that set it, so that a code the
 * parser accepts is never one the database refuses (which would be an internal error, not the
 * caller's bad input). Not every kit marker: HIGH_RISK_OF_SERIOUS_HARM, for one, is probation's
 * (OASys) assessment, not something an officer records on an incident. A migration that changes the
 * constraint exports its own list, and this reads that one instead.
 */
export const OCCURRENCE_MARKERS: readonly SafeguardingMarker[] = (OCCURRENCE_MARKERS_1796700000000 satisfies readonly (keyof typeof SafeguardingMarker)[]).map(
  (code) => SafeguardingMarker[code],
);
