import type { PerpetratorHistory, RecordLink, RiskCounterpart, RiskEvent, RiskInput } from "./engine";
import type { EventSource, RiskSources } from "./sources";

type Grading = "STANDARD" | "MEDIUM" | "HIGH";

/** An event as the gateway hands it over in a `Subject` representation (JSON: dates are strings). */
interface RequiredEvent {
  id: string;
  agency: string;
  area: string;
  occurredAt: string;
  kind: string;
  role: string;
  recordId?: string | null;
  markers?: string[] | null;
  domesticAbuse?: boolean | null;
  injury?: boolean | null;
  maracCriterion?: string | null;
  dash?: { tool: "DASH" | "DARA"; yesCount: number | null; officerGrading: Grading | null } | null;
  victimRisk?: { dashYesCount: number | null; officerGrading: Grading | null; maracReferred: boolean } | null;
  concernCategory?: string | null;
  category?: string | null;
  counterparts?: { role: string; relationship?: RiskCounterpart["relationship"]; person: CounterpartPerson }[] | null;
  /** A partner's own fields, read through its configured factors. */
  [field: string]: unknown;
}

export type SubjectRepresentation = { id: string } & Record<string, unknown>;

/** A person a subject shares events with, from a source's `perpetrators` field, with their own events. */
interface CounterpartPerson {
  agency: string;
  localId: string;
  subject: SubjectRepresentation | null;
}

/** How identity says one of the subject's records joined it. */
interface RequiredRecord {
  agency: string;
  localId: string;
  linkedBy: RecordLink["linkedBy"];
  linkProbability: number | null;
  linkedAcrossAreas: boolean;
}

/** Why an agency's events are missing from a representation: the gateway says only that they are. */
const NOT_SEEN = "not available to this caller: withheld by the agency's access policy, or the agency did not answer";

const recordKey = (agency: string, localId: string) => `${agency}\u0000${localId}`;

/** The markers a partner's coded values stand for, through its configured factors (a list field maps each value). */
function factorMarkers(event: RequiredEvent, source: EventSource): string[] {
  return Object.entries(source.factors).flatMap(([field, values]) => {
    const value = event[field];
    const coded = Array.isArray(value) ? value : [value];
    return coded.flatMap((code) => (typeof code === "string" && Object.hasOwn(values, code) ? [values[code]!] : []));
  });
}

function toRiskEvent(event: RequiredEvent, source: EventSource, links: ReadonlyMap<string, RecordLink>): RiskEvent {
  const counterparts: RiskCounterpart[] = (event.counterparts ?? []).map((c) => ({
    role: c.role,
    agency: c.person.agency,
    localId: c.person.localId,
    subjectId: c.person.subject?.id ?? null,
    relationship: c.relationship ?? null,
    displayName: typeof c.person.subject?.displayName === "string" ? c.person.subject.displayName : null,
  }));
  const markers = [...new Set([...(event.markers ?? []), ...factorMarkers(event, source)])];
  const recordId = event.recordId ?? null;
  return {
    agency: event.agency,
    id: event.id,
    area: event.area,
    occurredAt: new Date(event.occurredAt),
    kind: event.kind,
    role: event.role,
    counterparts,
    markers,
    ...(recordId !== null ? { recordId, recordLink: links.get(recordKey(event.agency, recordId)) ?? null } : {}),
    ...(event.domesticAbuse !== undefined ? { domesticAbuse: event.domesticAbuse } : {}),
    ...(event.injury !== undefined ? { injury: event.injury } : {}),
    ...(event.dash !== undefined ? { dash: event.dash } : {}),
    ...(event.victimRisk !== undefined ? { victimRisk: event.victimRisk } : {}),
    ...(event.maracCriterion !== undefined ? { maracCriterion: event.maracCriterion } : {}),
    ...(event.category !== undefined || event.concernCategory !== undefined ? { category: event.category ?? event.concernCategory ?? null } : {}),
  };
}

/** Identity's account of how each of the subject's records joined it; empty when withheld. */
function recordLinks(representation: SubjectRepresentation): Map<string, RecordLink> {
  const records = Array.isArray(representation.records) ? (representation.records as RequiredRecord[]) : [];
  return new Map(
    records.map((record) => [
      recordKey(record.agency, record.localId),
      { linkedBy: record.linkedBy, probability: record.linkProbability ?? null, acrossAreas: record.linkedAcrossAreas === true },
    ]),
  );
}

export interface SubjectEvidence {
  input: RiskInput;
  /** Each counterpart subject's own events from the sources that keep a perpetrator's history, as the caller may see them. */
  perpetrators: PerpetratorHistory[];
}

/**
 * A perpetrator listed by a source's `perpetrators` field, with his events from every source that
 * keeps his history. Two of his records in one agency resolve to one subject and share events, so
 * events are keyed by agency, kind and id: an agency's kinds come from different tables, whose ids
 * may coincide.
 */
function gatherPerpetrator(found: Map<string, { history: PerpetratorHistory; keys: Set<string> }>, subject: SubjectRepresentation, sources: readonly EventSource[]): void {
  const known = found.get(subject.id) ?? {
    history: { subjectId: subject.id, displayName: typeof subject.displayName === "string" ? subject.displayName : null, events: [] },
    keys: new Set<string>(),
  };
  for (const source of sources.filter((candidate) => candidate.perpetratorHistory)) {
    const theirs = subject[source.field] as RequiredEvent[] | null | undefined;
    for (const event of Array.isArray(theirs) ? theirs : []) {
      const key = `${event.agency}\u0000${event.kind}\u0000${event.id}`;
      if (known.keys.has(key)) continue;
      known.keys.add(key);
      // His records' links are not asked for: reasons about him rest on his history, not on who he is.
      known.history.events.push(toRiskEvent(event, source, new Map()));
    }
  }
  found.set(subject.id, known);
}

/**
 * How the record she names him by joined his other records: his history is hers to weigh only
 * through that link, so a reason resting on his history can say when it is weak.
 */
function linkCounterparts(events: readonly RiskEvent[], links: ReadonlyMap<string, RecordLink>): void {
  for (const event of events) {
    for (const counterpart of event.counterparts) {
      const link = links.get(recordKey(counterpart.agency, counterpart.localId));
      if (link) counterpart.recordLink = link;
    }
  }
}

/** The risk engine's input for one `Subject` representation. */
export function subjectEvidence(representation: SubjectRepresentation, config: RiskSources, now = new Date()): SubjectEvidence {
  const links = recordLinks(representation);
  const events: RiskEvent[] = [];
  const visibility: RiskInput["sources"] = [];
  const perpetrators = new Map<string, { history: PerpetratorHistory; keys: Set<string> }>();
  const perpetratorLinks = new Map<string, RecordLink>();
  for (const source of config.events) {
    const list = representation[source.field] as RequiredEvent[] | null | undefined;
    visibility.push({ agency: source.agency, visible: Array.isArray(list), reason: Array.isArray(list) ? null : NOT_SEEN });
    for (const event of list ?? []) events.push(toRiskEvent(event, source, links));
    if (source.perpetrators === false) continue;
    // Absent when the field asking needs no perpetrators; null when the agency withheld them.
    const people = (representation[source.perpetrators.field] ?? []) as CounterpartPerson[];
    for (const { subject } of people) {
      if (!subject || subject.id === representation.id) continue;
      gatherPerpetrator(perpetrators, subject, config.events);
      for (const [key, link] of recordLinks(subject)) perpetratorLinks.set(key, link);
    }
  }
  linkCounterparts(events, perpetratorLinks);
  return {
    input: {
      subjectId: representation.id,
      datesOfBirth: Array.isArray(representation.datesOfBirth) ? (representation.datesOfBirth as string[]) : [],
      events,
      sources: visibility,
      now,
    },
    perpetrators: [...perpetrators.values()].map(({ history }) => history),
  };
}
