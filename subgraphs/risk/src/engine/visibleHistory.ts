import type { RiskEvent, RiskInput } from "./RiskEvent";

export interface VisibleHistory {
  /** The events of agencies the caller could see, oldest first. */
  events: RiskEvent[];
  agenciesSeen: string[];
  agenciesNotSeen: { agency: string; reason: string }[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; ties in a fixed order, so results do not depend on the order agencies answered in. */
function byOccurrence(a: RiskEvent, b: RiskEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || compareText(a.agency, b.agency) || compareText(a.id, b.id);
}

/**
 * The events a result may rest on. Events of an agency marked not visible are dropped even if
 * present, so a result never rests on what the caller was not entitled to see; an agency absent from
 * `sources` but present in the events was evidently seen.
 */
export function visibleHistory(input: Pick<RiskInput, "events" | "sources">): VisibleHistory {
  const hidden = new Set(input.sources.filter((source) => !source.visible).map((source) => source.agency));
  const events = input.events.filter((event) => !hidden.has(event.agency)).sort(byOccurrence);
  const seen = new Set([...input.sources.filter((source) => source.visible).map((source) => source.agency), ...events.map((event) => event.agency)]);
  return {
    events,
    agenciesSeen: [...seen].sort(),
    agenciesNotSeen: input.sources
      .filter((source) => !source.visible)
      .map((source) => ({ agency: source.agency, reason: source.reason ?? "not visible to the caller" }))
      .sort((a, b) => a.agency.localeCompare(b.agency)),
  };
}

/** The history as it stood at `now`: an assessment "as at" a moment ignores anything recorded for later. */
export function asAt(events: readonly RiskEvent[], now: Date): RiskEvent[] {
  return events.filter((event) => event.occurredAt.getTime() <= now.getTime());
}
