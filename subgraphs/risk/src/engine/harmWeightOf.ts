import type { HarmIndex, HarmWeight, PoliceOffenceKind } from "./ruleSet";

/** The harm index's weight for an event kind; null for a kind the table does not weigh (not an offence). */
export function harmWeightOf(kind: string, harmIndex: HarmIndex): HarmWeight | null {
  return Object.hasOwn(harmIndex.weights, kind) ? harmIndex.weights[kind as PoliceOffenceKind] : null;
}
