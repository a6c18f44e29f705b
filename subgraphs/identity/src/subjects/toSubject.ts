import { explainLink } from "../linkage/explainLink";
import type { PersonRecordEntity } from "./PersonRecordEntity";
import type { Subject } from "./Subject";

/** A subject as shown, from all its records. */
export function toSubject(id: string, records: PersonRecordEntity[]): Subject {
  const byRegistration = [...records].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || compareKeys(a, b));
  const mostRecentFirst = [...records].sort(
    (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.registeredAt.getTime() - a.registeredAt.getTime() || compareKeys(a, b),
  );
  const names = new Map<string, string>();
  for (const record of mostRecentFirst) if (!names.has(record.nameKey)) names.set(record.nameKey, `${record.givenNames} ${record.familyName}`);
  const datesOfBirth = new Set<string>();
  for (const record of mostRecentFirst) if (record.dateOfBirth) datesOfBirth.add(record.dateOfBirth);
  return {
    id,
    displayName: names.values().next().value ?? "",
    knownNames: [...names.values()],
    datesOfBirth: [...datesOfBirth],
    records: byRegistration.map((record) => {
      const matchedRecord = record.linkedToAgency && record.linkedToLocalId ? { agency: record.linkedToAgency, localId: record.linkedToLocalId } : null;
      const comparisons = (record.comparisons ?? []).map((step) => ({ ...step, bayesFactor: 2 ** step.bits }));
      return {
        agency: record.agency,
        localId: record.localId,
        area: record.area,
        evidence: {
          rule: record.linkRule,
          matchedRecord,
          matchWeight: record.matchWeight,
          matchProbability: record.matchProbability,
          comparisons,
          modelVersion: record.modelVersion,
          decisionId: record.decisionId,
          linkedAt: record.linkedAt,
          explanation: explainLink(record.linkRule, matchedRecord ?? undefined, { matchProbability: record.matchProbability, comparisons }),
        },
      };
    }),
  };
}

function compareKeys(a: PersonRecordEntity, b: PersonRecordEntity): number {
  const left = `${a.agency}\u0000${a.localId}`;
  const right = `${b.agency}\u0000${b.localId}`;
  return left < right ? -1 : left > right ? 1 : 0;
}
