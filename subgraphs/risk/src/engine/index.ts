export type { Grading, PerpetratorHistory, RecordLink, RiskCounterpart, RiskEvent, RiskInput, SourceVisibility } from "./RiskEvent";
export {
  loadRuleSet,
  parseRuleSet,
  thresholdsFor,
  POLICE_OFFENCE_KINDS,
  RULE_GROUPS,
  RULE_SET_PATH,
  type AreaOverrides,
  type HarmIndex,
  type HarmWeight,
  type HighRiskCombination,
  type MarkerWeight,
  type PerpetratorHistoryRule,
  type PoliceOffenceKind,
  type RuleGroup,
  type RuleSet,
  type RuleValues,
  type Thresholds,
  type Vocabulary,
} from "./ruleSet";
export { RISK_LEVELS, type RiskLevel } from "./riskLevel";
export type { Completeness, RiskBasisResult } from "./riskContext";
export { chronology, type ChronologyEntry, type ChronologyFilter, type TurningPoint, type TurningPointKind } from "./chronology";
export { assessRisk, type RiskAssessmentResult, type RiskReason } from "./assessRisk";
export { maracCriteria, type MaracCriterion, type MaracCriterionResult, type MaracResult } from "./maracCriteria";
export { perpetratorProfile, type HarmByKind, type PerpetratorProfileResult } from "./perpetratorProfile";
export { serialPerpetratorTest, type SerialPerpetratorResult } from "./serialPerpetratorTest";
export type { Victim } from "./distinctVictims";
export { associates, type Associate, type Relationship } from "./associates";
