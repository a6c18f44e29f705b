/** The SafeLives levels (DOMAIN.md, Risk models: DASH), lowest first. */
export const RISK_LEVELS = ["STANDARD", "MEDIUM", "HIGH"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function higherLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b;
}

/** A count against a pair of thresholds: the DASH band of a yes count, or the level of a score. */
export function levelFrom(value: number, thresholds: { mediumFrom: number; highFrom: number }): RiskLevel {
  if (value >= thresholds.highFrom) return "HIGH";
  return value >= thresholds.mediumFrom ? "MEDIUM" : "STANDARD";
}

/** A level raised by some bands, never above HIGH. */
export function raisedLevel(level: RiskLevel, bands: number): RiskLevel {
  return RISK_LEVELS[Math.min(RISK_LEVELS.length - 1, RISK_LEVELS.indexOf(level) + bands)]!;
}
