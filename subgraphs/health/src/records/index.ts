import type { RecordTypes } from "@tessera/kit";
import { encounterRecord } from "./encounterRecord";
import { patientRecord } from "./patientRecord";
import { safeguardingConcernRecord } from "./safeguardingConcernRecord";

/** The health record types in dependency order: patients, then encounters, then concerns. */
export const recordTypes: RecordTypes = [patientRecord, encounterRecord, safeguardingConcernRecord];
