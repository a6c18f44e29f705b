import { oneOf, parsePastTimestamp, recordId, type RecordType } from "@tessera/kit";
import type { MaracReferral } from "../marac/MaracReferral";
import { MARAC_REFERRAL_CRITERIA } from "../marac/MaracReferralCriterion";
import { MaracReferralEntity } from "../marac/MaracReferralEntity";
import { existingIds } from "./existingIds";
import { requiredRecordId } from "./fieldReaders";
import { lastPerKey } from "./lastPerKey";

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

  references: (referral) => [
    { type: "nominal", field: "victimNominalId", id: referral.victimNominalId },
    ...(referral.occurrenceId ? [{ type: "occurrence", field: "occurrenceId", id: referral.occurrenceId }] : []),
  ],

  existing: (manager, ids) => existingIds(manager, MaracReferralEntity, ids),

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO marac_referral (id, victim_nominal_id, occurrence_id, referred_at, criterion)
       SELECT id, "victimNominalId", "occurrenceId", "referredAt", criterion
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "victimNominalId" text, "occurrenceId" text, "referredAt" timestamptz, criterion text)
       ON CONFLICT (id) DO UPDATE SET
         victim_nominal_id = excluded.victim_nominal_id, occurrence_id = excluded.occurrence_id,
         referred_at = excluded.referred_at, criterion = excluded.criterion
       WHERE (marac_referral.*) IS DISTINCT FROM (excluded.*)`,
      [JSON.stringify(lastPerKey(rows, (referral) => referral.id))],
    );
  },
};
