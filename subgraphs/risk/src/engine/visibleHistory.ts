import type { RiskEvent, SourceVisibility } from "./RiskEvent";

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
function oldestFirst(events: RiskEvent[]): RiskEvent[] {
  // Each event's time read once, not at every comparison of a long history's sort.
  const times = events.map((event) => event.occurredAt.getTime());
  const order = events.map((_, index) => index);
  order.sort((a, b) => times[a]! - times[b]! || compareText(events[a]!.agency, events[b]!.agency) || compareText(events[a]!.id, events[b]!.id));
  return order.map((index) => events[index]!);
}

/**
 * The events a result may rest on. Events of an agency marked not visible are dropped even if
 * present, so a result never rests on what the caller was not entitled to see; an agency absent from
 * `sources` but present in the events was evidently seen.
 */
export function visibleHistory(input: { readonly events: readonly RiskEvent[]; readonly sources: readonly SourceVisibility[] }): VisibleHistory {
  const hidden = new Set(input.sources.filter((source) => !source.visible).map((source) => source.agency));
  const events = oldestFirst(hidden.size === 0 ? [...input.events] : input.events.filter((event) => !hidden.has(event.agency)));
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
