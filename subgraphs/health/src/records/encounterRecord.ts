import {
  areaCode,
  bulkUpsert,
  existingIds,
  InvalidInput,
  isAbsent,
  oneOf,
  optionalBoolean,
  optionalText,
  parsePastTimestamp,
  recordId,
  requiredRecordId,
  type RecordReference,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import { ENCOUNTER_SETTINGS, type EncounterSetting } from "../encounters/EncounterSetting";
import { HEALTH_SIGNALS, HealthSignal } from "../encounters/HealthSignal";
import { PREGNANCY_CONFIG } from "../encounters/pregnancyConfig";
import { refuseImpossiblePregnancies } from "../encounters/refuseImpossiblePregnancies";

export interface EncounterRow {
  id: string;
  patientId: string;
  trust: string;
  setting: EncounterSetting;
  occurredAt: Date;
  presentingComplaint?: string;
  injury: boolean;
  injuryDescription?: string;
  disclosedAbuse: boolean;
  allegedPerpetratorName?: string;
  allegedPerpetratorPatientId?: string;
  /** Each once, in HEALTH_SIGNALS order; PREGNANT whenever gestationWeeks is given. */
  signals: HealthSignal[];
  gestationWeeks?: number;
}

const COLUMNS: readonly UpsertColumn[] = upsertColumns({
  id: "text",
  patientId: "text",
  trust: "text",
  setting: "text",
  occurredAt: "timestamptz",
  presentingComplaint: "text",
  injury: "boolean",
  injuryDescription: "text",
  disclosedAbuse: "boolean",
  allegedPerpetratorName: "text",
  allegedPerpetratorPatientId: "text",
  signals: "text[]",
  gestationWeeks: "int",
});

/** A patient's encounter; an alleged perpetrator who is also a patient becomes a counterpart. */
export const encounterRecord: RecordType<EncounterRow> = {
  name: "encounter",
  parse(value, now) {
    const patientId = requiredRecordId("patientId", value.patientId);
    const allegedPerpetratorPatientId = recordId("allegedPerpetratorPatientId", value.allegedPerpetratorPatientId);
    if (allegedPerpetratorPatientId === patientId) throw new InvalidInput("allegedPerpetratorPatientId", "must not be the patient themself");
    const gestationWeeks = parseGestationWeeks(value.gestationWeeks);
    return {
      id: requiredRecordId("id", value.id),
      patientId,
      trust: areaCode("trust", value.trust),
      setting: oneOf("setting", value.setting, ENCOUNTER_SETTINGS),
      occurredAt: parsePastTimestamp("occurredAt", value.occurredAt, now),
      presentingComplaint: optionalText("presentingComplaint", value.presentingComplaint),
      injury: optionalBoolean("injury", value.injury),
      injuryDescription: optionalText("injuryDescription", value.injuryDescription),
      disclosedAbuse: optionalBoolean("disclosedAbuse", value.disclosedAbuse),
      allegedPerpetratorName: optionalText("allegedPerpetratorName", value.allegedPerpetratorName, 200),
      allegedPerpetratorPatientId,
      signals: parseSignals(value.signals, gestationWeeks !== undefined),
      gestationWeeks,
    };
  },
  id: (row) => row.id,

  area: { field: "trust", table: "encounter", column: "trust" },
  references(row) {
    const references: RecordReference[] = [{ type: "patient", field: "patientId", id: row.patientId }];
    if (row.allegedPerpetratorPatientId) references.push({ type: "patient", field: "allegedPerpetratorPatientId", id: row.allegedPerpetratorPatientId });
    return references;
  },
  existing: (manager, wanted) => existingIds(manager, "encounter", wanted),
  async save(manager, rows) {
    await refuseImpossiblePregnancies(manager, rows);
    await bulkUpsert(manager, "encounter", COLUMNS, rows, { touch: "updated_at", areaColumn: "trust" });
  },
};

/** Absent is none; a gestation in weeks is a pregnancy, so it adds PREGNANT rather than asking for it twice. */
function parseSignals(value: unknown, pregnant: boolean): HealthSignal[] {
  if (!isAbsent(value) && !Array.isArray(value)) throw new InvalidInput("signals", `must be a list of ${HEALTH_SIGNALS.join(", ")}`);
  const given: unknown[] = Array.isArray(value) ? value : [];
  const unknown = given.filter((signal) => !HEALTH_SIGNALS.includes(signal as HealthSignal));
  if (unknown.length > 0) throw new InvalidInput("signals", `${unknown.map((signal) => JSON.stringify(signal)).join(", ")}: each must be one of ${HEALTH_SIGNALS.join(", ")}`);
  return HEALTH_SIGNALS.filter((signal) => given.includes(signal) || (pregnant && signal === HealthSignal.PREGNANT));
}

function parseGestationWeeks(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const { min, max } = PREGNANCY_CONFIG.gestationWeeks;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInput("gestationWeeks", `must be a whole number of weeks from ${min} to ${max}`);
  }
  return value;
}
