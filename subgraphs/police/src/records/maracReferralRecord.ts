import { bulkUpsert, existingIds, oneOf, parsePastTimestamp, recordId, requiredRecordId, type RecordType, type UpsertColumn, upsertColumns } from "@tessera/kit";
import type { MaracReferral } from "../marac/MaracReferral";
import { MARAC_REFERRAL_CRITERIA } from "../marac/MaracReferralCriterion";

const COLUMNS: readonly UpsertColumn[] = upsertColumns({
  id: "text",
  victimNominalId: "text",
  occurrenceId: "text",
  referredAt: "timestamptz",
  criterion: "text",
});

/** A victim's referral to a MARAC, optionally prompted by an occurrence. */
export const maracReferralRecord: RecordType<MaracReferral> = {
  name: "maracReferral",

  parse(value, now = new Date()) {
    const id = requiredRecordId("id", value.id);
    const victimNominalId = requiredRecordId("victimNominalId", value.victimNominalId);
    const occurrenceId = recordId("occurrenceId", value.occurrenceId);
    const referredAt = parsePastTimestamp("referredAt", value.referredAt, now);
    const criterion = oneOf("criterion", value.criterion, MARAC_REFERRAL_CRITERIA);
    return { id, victimNominalId, occurrenceId, referredAt, criterion };
  },

  id: (referral) => referral.id,

  area: { reference: "victimNominalId", type: "nominal", table: "marac_referral", column: "victim_nominal_id" },

  references: (referral) => [
    { type: "nominal", field: "victimNominalId", id: referral.victimNominalId },
    ...(referral.occurrenceId ? [{ type: "occurrence", field: "occurrenceId", id: referral.occurrenceId }] : []),
  ],

  existing: (manager, ids) => existingIds(manager, "marac_referral", ids),

  async save(manager, rows) {
    await bulkUpsert(manager, "marac_referral", COLUMNS, rows);
  },
};
