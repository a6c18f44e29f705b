import type { RiskCounterpart, RiskEvent, RiskInput } from "./engine";
import type { EventSource } from "./sources";

/** An event as the gateway hands it over in a `Subject` representation (JSON: dates are strings). */
interface RequiredEvent {
  id: string;
  agency: string;
  area: string;
  occurredAt: string;
  kind: string;
  role: string;
  domesticAbuse?: boolean | null;
  injury?: boolean | null;
  maracCriterion?: string | null;
  dash?: { tool: "DASH" | "DARA"; yesCount: number | null; officerGrading: "STANDARD" | "MEDIUM" | "HIGH" | null } | null;
  concernCategory?: string | null;
  category?: string | null;
  counterparts?: { role: string; person: CounterpartPerson }[] | null;
}

export type SubjectRepresentation = { id: string } & Record<string, unknown>;

/** A person a subject shares events with, from a source's `perpetrators` field, with their own events. */
interface CounterpartPerson {
  agency: string;
  localId: string;
  subject: SubjectRepresentation | null;
}

/** Why an agency's events are missing from a representation: the gateway says only that they are. */
const NOT_SEEN = "not available to this caller: withheld by the agency's access policy, or the agency did not answer";

function toRiskEvent(event: RequiredEvent): RiskEvent {
  const counterparts: RiskCounterpart[] = (event.counterparts ?? []).map((c) => ({
    role: c.role,
    agency: c.person.agency,
    localId: c.person.localId,
    subjectId: c.person.subject?.id ?? null,
  }));
  return {
    agency: event.agency,
    id: event.id,
    area: event.area,
    occurredAt: new Date(event.occurredAt),
    kind: event.kind,
    role: event.role,
    counterparts,
    ...(event.domesticAbuse !== undefined ? { domesticAbuse: event.domesticAbuse } : {}),
    ...(event.injury !== undefined ? { injury: event.injury } : {}),
    ...(event.dash !== undefined ? { dash: event.dash } : {}),
    ...(event.maracCriterion !== undefined ? { maracCriterion: event.maracCriterion } : {}),
    ...(event.category !== undefined || event.concernCategory !== undefined ? { category: event.category ?? event.concernCategory ?? null } : {}),
  };
}

export interface SubjectEvidence {
  input: RiskInput;
  /** Each counterpart subject's own events from the sources that carry them, as the caller may see them. */
  perpetrators: { subjectId: string; events: RiskEvent[] }[];
}

/** The risk engine's input for one `Subject` representation. */
export function subjectEvidence(representation: SubjectRepresentation, sources: readonly EventSource[], now = new Date()): SubjectEvidence {
  const events: RiskEvent[] = [];
  const visibility: RiskInput["sources"] = [];
  const perpetrators = new Map<string, Map<string, RiskEvent>>();
  for (const source of sources) {
    const list = representation[source.field] as RequiredEvent[] | null | undefined;
    visibility.push({ agency: source.agency, visible: Array.isArray(list), reason: Array.isArray(list) ? null : NOT_SEEN });
    for (const event of list ?? []) events.push(toRiskEvent(event));
    if (source.perpetrators === false) continue;
    // Absent when the field asking needs no perpetrators; null when the agency withheld them.
    const people = (representation[source.perpetrators.field] ?? []) as CounterpartPerson[];
    for (const { subject } of people) {
      const theirs = subject?.[source.field] as RequiredEvent[] | null | undefined;
      if (!subject || subject.id === representation.id || !Array.isArray(theirs)) continue;
      // Two of a person's records in one agency resolve to one subject, and share events. Keyed by
      // kind as well: an agency's kinds of event come from different tables, whose ids may coincide.
      const known = perpetrators.get(subject.id) ?? new Map<string, RiskEvent>();
      for (const theirEvent of theirs) known.set(`${theirEvent.agency}\u0000${theirEvent.kind}\u0000${theirEvent.id}`, toRiskEvent(theirEvent));
      perpetrators.set(subject.id, known);
    }
  }
  return {
    input: { subjectId: representation.id, events, sources: visibility, now },
    perpetrators: [...perpetrators].map(([subjectId, theirEvents]) => ({ subjectId, events: [...theirEvents.values()] })),
  };
}
