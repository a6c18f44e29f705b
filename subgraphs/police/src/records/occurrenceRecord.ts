import {
  areaCode,
  bulkUpsert,
  existingIds,
  InvalidInput,
  nestedObject,
  oneOf,
  optionalBoolean,
  optionalPastTimestamp,
  optionalPostcode,
  optionalText,
  parsePastTimestamp,
  requiredRecordId,
  orderedMarkers,
  SafeguardingMarker,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import type { Occurrence, OccurrenceLocation } from "../occurrences/Occurrence";
import { OCCURRENCE_CATEGORIES } from "../occurrences/OccurrenceCategory";
import { OCCURRENCE_MARKERS } from "../occurrences/occurrenceMarkers";

/** The location is stored flat, in two columns. */
const COLUMNS: readonly UpsertColumn[] = upsertColumns({
  id: "text",
  force: "text",
  category: "text",
  domesticAbuse: "boolean",
  occurredAt: "timestamptz",
  reportedAt: "timestamptz",
  locationDescription: "text",
  locationPostcode: "text",
  summary: "text",
  markers: "text[]",
});

/** An occurrence: a crime or a non-crime incident a force recorded, which stays that force's. */
export const occurrenceRecord: RecordType<Occurrence> = {
  name: "occurrence",

  parse(value, now = new Date()) {
    const id = requiredRecordId("id", value.id);
    const force = areaCode("force", value.force);
    const category = oneOf("category", value.category, OCCURRENCE_CATEGORIES);
    const domesticAbuse = optionalBoolean("domesticAbuse", value.domesticAbuse);
    const occurredAt = parsePastTimestamp("occurredAt", value.occurredAt, now);
    const reportedAt = optionalPastTimestamp("reportedAt", value.reportedAt, now);
    if (reportedAt && reportedAt < occurredAt) throw new InvalidInput("reportedAt", "must not be before occurredAt");
    const location = parseLocation(value.location);
    const summary = optionalText("summary", value.summary, 4000);
    const markers = parseMarkers(value.markers);
    return { id, force, category, domesticAbuse, occurredAt, reportedAt, location, summary, markers };
  },

  id: (occurrence) => occurrence.id,

  area: { field: "force", table: "occurrence", column: "force" },

  existing: (manager, ids) => existingIds(manager, "occurrence", ids),

  async save(manager, rows) {
    const flat = rows.map((occurrence) => ({ ...occurrence, locationDescription: occurrence.location?.description, locationPostcode: occurrence.location?.postcode }));
    await bulkUpsert(manager, "occurrence", COLUMNS, flat, { areaColumn: "force" });
  },
};

function parseLocation(value: unknown): OccurrenceLocation | undefined {
  if (value === undefined || value === null) return undefined;
  const location = nestedObject("location", value);
  const description = optionalText("location.description", location.description, 200);
  const postcode = optionalPostcode("location.postcode", location.postcode);
  return description === undefined && postcode === undefined ? undefined : { description, postcode };
}

/**
 * A set of marker codes an officer records on an occurrence (a kit marker that is not one of those,
 * such as probation's HIGH_RISK_OF_SERIOUS_HARM, is refused as an unknown code is), kept in the
 * vocabulary's order: a file that lists the same markers in another order, or one twice, then saves
 * the same row and loading it again changes nothing.
 */
function parseMarkers(value: unknown): SafeguardingMarker[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidInput("markers", "must be a list of SafeguardingMarker codes");
  const refused = value.findIndex((code: unknown) => !OCCURRENCE_MARKERS.includes(code as SafeguardingMarker));
  if (refused >= 0) {
    throw new InvalidInput("markers", `${JSON.stringify(value[refused])} is not a SafeguardingMarker an officer records on an occurrence: each must be one of ${OCCURRENCE_MARKERS.join(", ")}`);
  }
  return orderedMarkers(value);
}
