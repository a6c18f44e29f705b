import { existingKeys, InvalidInput, lastPerKey, naturalKey, oneOf, Relationship, requiredRecordId, type RecordType } from "@tessera/kit";
import type { OccurrenceRelationship } from "../relationships/OccurrenceRelationship";

const RELATIONSHIPS = Object.values(Relationship);

/**
 * The pair's ids in the order the table stores them, whichever way round they were given. Ids are
 * ASCII (`recordId`), so JavaScript's order is the byte order the table's check uses.
 */
function storedPair({ nominalId, otherNominalId }: OccurrenceRelationship): [string, string] {
  return nominalId < otherNominalId ? [nominalId, otherNominalId] : [otherNominalId, nominalId];
}

/** A relationship has no id of its own: its natural key is (occurrence, pair), the same either way round. */
function relationshipKey(relationship: OccurrenceRelationship): string {
  return naturalKey([relationship.occurrenceId, ...storedPair(relationship)]);
}

/**
 * How two nominals involved in an occurrence are related. Both must be involved in it — in the
 * database, or by an involvement of the same import — which is checked where it is saved: the
 * involvement has a role in its key, so it cannot be a plain reference.
 */
export const relationshipRecord: RecordType<OccurrenceRelationship> = {
  name: "relationship",

  parse(value) {
    const occurrenceId = requiredRecordId("occurrenceId", value.occurrenceId);
    const nominalId = requiredRecordId("nominalId", value.nominalId);
    const otherNominalId = requiredRecordId("otherNominalId", value.otherNominalId);
    if (otherNominalId === nominalId) throw new InvalidInput("otherNominalId", "must be another nominal than nominalId: a relationship is between two people");
    const relationship = oneOf("relationship", value.relationship, RELATIONSHIPS);
    return { occurrenceId, nominalId, otherNominalId, relationship };
  },

  id: relationshipKey,

  references: (relationship) => [
    { type: "occurrence", field: "occurrenceId", id: relationship.occurrenceId },
    { type: "nominal", field: "nominalId", id: relationship.nominalId },
    { type: "nominal", field: "otherNominalId", id: relationship.otherNominalId },
  ],

  existing: (manager, keys) => existingKeys(manager, "relationship", ["occurrence_id", "nominal_id", "other_nominal_id"], keys),

  async save(manager, rows) {
    const latest = lastPerKey(rows, relationshipKey).map((row, position) => {
      const [low, high] = storedPair(row);
      return { ...row, position, low, high };
    });
    // One statement: the first nominal not involved in its occurrence, and — only when there is
    // none — the upsert, so that a refused batch writes nothing.
    const [uninvolved]: { field: string; nominalId: string; occurrenceId: string }[] = await manager.query(
      `WITH r AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS r(position int, "occurrenceId" text, "nominalId" text, "otherNominalId" text, low text, high text, relationship text)
       ),
       uninvolved AS (
         SELECT r.position, side.n, side.field, side.nominal, r."occurrenceId"
           FROM r CROSS JOIN LATERAL (VALUES (1, 'nominalId', r."nominalId"), (2, 'otherNominalId', r."otherNominalId")) AS side(n, field, nominal)
          WHERE NOT EXISTS (SELECT 1 FROM involvement i WHERE i.occurrence_id = r."occurrenceId" AND i.nominal_id = side.nominal)
       ),
       saved AS (
         INSERT INTO relationship AS held (occurrence_id, nominal_id, other_nominal_id, relationship)
         SELECT "occurrenceId", low, high, relationship FROM r WHERE NOT EXISTS (SELECT 1 FROM uninvolved)
         ON CONFLICT (occurrence_id, nominal_id, other_nominal_id) DO UPDATE SET relationship = EXCLUDED.relationship
         WHERE held.relationship IS DISTINCT FROM EXCLUDED.relationship
       )
       SELECT field, nominal AS "nominalId", "occurrenceId" FROM uninvolved ORDER BY position, n LIMIT 1`,
      [JSON.stringify(latest)],
    );
    if (uninvolved) {
      throw new InvalidInput(uninvolved.field, `nominal ${uninvolved.nominalId} is not involved in occurrence ${uninvolved.occurrenceId}: record the involvement first`);
    }
  },
};
