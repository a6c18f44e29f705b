import type { RecordTypes } from "@tessera/kit";
import { dashAssessmentRecord } from "./dashAssessmentRecord";
import { involvementRecord } from "./involvementRecord";
import { maracReferralRecord } from "./maracReferralRecord";
import { nominalRecord } from "./nominalRecord";
import { occurrenceRecord } from "./occurrenceRecord";
import { relationshipRecord } from "./relationshipRecord";

/**
 * The police record types in dependency order: people, then occurrences, then what refers to both.
 * Relationships come after involvements: a batch saves in this order, and a relationship needs its
 * nominals' involvements saved.
 */
export const recordTypes: RecordTypes = [nominalRecord, occurrenceRecord, involvementRecord, dashAssessmentRecord, maracReferralRecord, relationshipRecord];
