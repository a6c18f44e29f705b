import type { RiskEvent } from "../RiskEvent";
import type { RiskContext } from "../riskContext";

/** Said of a count that includes possible counter-allegations, so a chair knows which incidents those are. */
export function counterAllegationNote(context: RiskContext, incidents: readonly RiskEvent[]): string {
  const count = incidents.filter((incident) => context.counterAllegations.has(incident)).length;
  if (count === 0) return "";
  return ` ${count === 1 ? "One of them is a possible counter-allegation" : `${count} of them are possible counter-allegations`}: she was recorded as suspect against her established abuser.`;
}
