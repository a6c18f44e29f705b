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
  counterparts?: { role: string; person: { agency: string; localId: string; subject: ({ id: string } & Record<string, unknown>) | null } }[] | null;
}

export type SubjectRepresentation = { id: string } & Record<string, unknown>;

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
  const perpetrators = new Map<string, RiskEvent[]>();
  for (const source of sources) {
    const list = representation[source.field] as RequiredEvent[] | null | undefined;
    visibility.push({ agency: source.agency, visible: Array.isArray(list), reason: Array.isArray(list) ? null : NOT_SEEN });
    for (const event of list ?? []) {
      events.push(toRiskEvent(event));
      if (!source.perpetrators) continue;
      for (const counterpart of event.counterparts ?? []) {
        const subject = counterpart.person.subject;
        const theirs = subject?.[source.field] as RequiredEvent[] | null | undefined;
        if (!subject || subject.id === representation.id || !Array.isArray(theirs)) continue;
        const known = perpetrators.get(subject.id) ?? [];
        const seen = new Set(known.map((e) => `${e.agency}/${e.id}`));
        for (const theirEvent of theirs) if (!seen.has(`${theirEvent.agency}/${theirEvent.id}`)) known.push(toRiskEvent(theirEvent));
        perpetrators.set(subject.id, known);
      }
    }
  }
  return {
    input: { subjectId: representation.id, events, sources: visibility, now },
    perpetrators: [...perpetrators].map(([subjectId, theirEvents]) => ({ subjectId, events: theirEvents })),
  };
}
