import type { RecordTypes } from "@tessera/kit";
import { dashAssessmentRecord } from "./dashAssessmentRecord";
import { involvementRecord } from "./involvementRecord";
import { maracReferralRecord } from "./maracReferralRecord";
import { nominalRecord } from "./nominalRecord";
import { occurrenceRecord } from "./occurrenceRecord";

/** The police record types in dependency order: people, then occurrences, then what refers to both. */
export const recordTypes: RecordTypes = [nominalRecord, occurrenceRecord, involvementRecord, dashAssessmentRecord, maracReferralRecord];
