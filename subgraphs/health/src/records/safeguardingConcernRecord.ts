import {
  bulkUpsert,
  existingIds,
  oneOf,
  optionalText,
  parsePastTimestamp,
  recordId,
  requiredRecordId,
  type RecordReference,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import { SAFEGUARDING_CONCERN_CATEGORIES, type SafeguardingConcernCategory } from "../concerns/SafeguardingConcernCategory";

export interface SafeguardingConcernRow {
  id: string;
  patientId: string;
  encounterId?: string;
  raisedAt: Date;
  category: SafeguardingConcernCategory;
  summary?: string;
}

const COLUMNS: readonly UpsertColumn[] = upsertColumns({
  id: "text",
  patientId: "text",
  encounterId: "text",
  raisedAt: "timestamptz",
  category: "text",
  summary: "text",
});

/** A safeguarding concern about a patient, perhaps raised from an encounter (not necessarily theirs). */
export const safeguardingConcernRecord: RecordType<SafeguardingConcernRow> = {
  name: "safeguardingConcern",
  parse(value, now) {
    return {
      id: requiredRecordId("id", value.id),
      patientId: requiredRecordId("patientId", value.patientId),
      encounterId: recordId("encounterId", value.encounterId),
      raisedAt: parsePastTimestamp("raisedAt", value.raisedAt, now),
      category: oneOf("category", value.category, SAFEGUARDING_CONCERN_CATEGORIES),
      summary: optionalText("summary", value.summary),
    };
  },
  id: (row) => row.id,

  area: { reference: "patientId", type: "patient", table: "safeguarding_concern", column: "patient_id" },
  references(row) {
    const references: RecordReference[] = [{ type: "patient", field: "patientId", id: row.patientId }];
    if (row.encounterId) references.push({ type: "encounter", field: "encounterId", id: row.encounterId });
    return references;
  },
  existing: (manager, wanted) => existingIds(manager, "safeguarding_concern", wanted),
  async save(manager, rows) {
    await bulkUpsert(manager, "safeguarding_concern", COLUMNS, rows, { touch: "updated_at" });
  },
};
