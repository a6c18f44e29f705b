import {
  areaCode,
  bulkUpsert,
  existingIds,
  InvalidInput,
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
});

/** A patient's encounter; an alleged perpetrator who is also a patient becomes a counterpart. */
export const encounterRecord: RecordType<EncounterRow> = {
  name: "encounter",
  parse(value, now) {
    const patientId = requiredRecordId("patientId", value.patientId);
    const allegedPerpetratorPatientId = recordId("allegedPerpetratorPatientId", value.allegedPerpetratorPatientId);
    if (allegedPerpetratorPatientId === patientId) throw new InvalidInput("allegedPerpetratorPatientId", "must not be the patient themself");
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
    await bulkUpsert(manager, "encounter", COLUMNS, rows, { touch: "updated_at", areaColumn: "trust" });
  },
};
