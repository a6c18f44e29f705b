import { InvalidInput, optionalBoolean, optionalText, oneOf, parsePastTimestamp, type RecordType } from "@tessera/kit";
import type { Occurrence, OccurrenceLocation } from "../occurrences/Occurrence";
import { OCCURRENCE_CATEGORIES } from "../occurrences/OccurrenceCategory";
import { OccurrenceEntity } from "../occurrences/OccurrenceEntity";
import { existingIds } from "./existingIds";
import { forceCode, nestedObject, optionalPostcode, requiredRecordId } from "./fieldReaders";
import { lastPerKey } from "./lastPerKey";

/** An occurrence: a crime or a non-crime incident a force recorded. */
export const occurrenceRecord: RecordType<Occurrence> = {
  name: "occurrence",

  parse(value, now = new Date()) {
    const id = requiredRecordId("id", value.id);
    const force = forceCode("force", value.force);
    const category = oneOf("category", value.category, OCCURRENCE_CATEGORIES);
    const domesticAbuse = optionalBoolean("domesticAbuse", value.domesticAbuse);
    const occurredAt = parsePastTimestamp("occurredAt", value.occurredAt, now);
    const reportedAt = value.reportedAt === undefined || value.reportedAt === null ? undefined : parsePastTimestamp("reportedAt", value.reportedAt, now);
    if (reportedAt && reportedAt < occurredAt) throw new InvalidInput("reportedAt", "must not be before occurredAt");
    const location = parseLocation(value.location);
    const summary = optionalText("summary", value.summary, 4000);
    return { id, force, category, domesticAbuse, occurredAt, reportedAt, location, summary };
  },

  id: (occurrence) => occurrence.id,

  existing: (manager, ids) => existingIds(manager, OccurrenceEntity, ids),

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO occurrence (id, force, category, domestic_abuse, occurred_at, reported_at, location_description, location_postcode, summary)
       SELECT id, force, category, "domesticAbuse", "occurredAt", "reportedAt", location->>'description', location->>'postcode', summary
         FROM jsonb_to_recordset($1::jsonb)
           AS r(id text, force text, category text, "domesticAbuse" boolean, "occurredAt" timestamptz, "reportedAt" timestamptz, location jsonb, summary text)
       ON CONFLICT (id) DO UPDATE SET
         force = excluded.force, category = excluded.category, domestic_abuse = excluded.domestic_abuse,
         occurred_at = excluded.occurred_at, reported_at = excluded.reported_at,
         location_description = excluded.location_description, location_postcode = excluded.location_postcode, summary = excluded.summary
       WHERE (occurrence.*) IS DISTINCT FROM (excluded.*)`,
      [JSON.stringify(lastPerKey(rows, (occurrence) => occurrence.id))],
    );
  },
};

function parseLocation(value: unknown): OccurrenceLocation | undefined {
  if (value === undefined || value === null) return undefined;
  const location = nestedObject("location", value);
  const description = optionalText("location.description", location.description, 200);
  const postcode = optionalPostcode("location.postcode", location.postcode);
  return description === undefined && postcode === undefined ? undefined : { description, postcode };
}
