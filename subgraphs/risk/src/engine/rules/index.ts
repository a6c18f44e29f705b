import { ages } from "./ages";
import { counterAllegation } from "./counterAllegation";
import { crossBorder } from "./crossBorder";
import { dashBands } from "./dashBands";
import { earlierHistory } from "./earlierHistory";
import { escalationFrequency, escalationHarm } from "./escalation";
import type { Rule } from "./Finding";
import { frequency } from "./frequency";
import { healthInjuries } from "./healthInjuries";
import { maracHistory } from "./maracHistory";
import { markers } from "./markers";
import { perpetratorHistory } from "./perpetratorHistory";
import { pregnancy } from "./pregnancy";
import { professionalJudgement } from "./professionalJudgement";
import { recency } from "./recency";
import { repeatVictimisation } from "./repeatVictimisation";
import { serialPerpetrator } from "./serialPerpetrator";
import { socialCareInvolvement } from "./socialCareInvolvement";

export type { Finding, Rule } from "./Finding";

/**
 * The rules of `assessRisk`, in the order rule set v1 lists its reasons. A rule whose groups the rule
 * set in force does not hold finds nothing: v1 files hold none of the last six, and v2's
 * `perpetratorHistory` replaces `serialPerpetrator`.
 */
export const ASSESSMENT_RULES: readonly Rule[] = [
  dashBands,
  professionalJudgement,
  maracHistory,
  repeatVictimisation,
  frequency,
  escalationFrequency,
  escalationHarm,
  recency,
  healthInjuries,
  socialCareInvolvement,
  crossBorder,
  serialPerpetrator,
  perpetratorHistory,
  markers,
  pregnancy,
  ages,
  counterAllegation,
  earlierHistory,
];
