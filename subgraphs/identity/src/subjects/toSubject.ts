import { explainLink } from "../linkage/explainLink";
import { sameArea, type LinkageConfig } from "../linkage/linkageConfig";
import { recordKeyString } from "../linkage/RecordKey";
import type { PersonRecordEntity } from "./PersonRecordEntity";
import { RecordLinkBasis, recordLinkBasis } from "./recordLinkBasis";
import type { Subject } from "./Subject";

/** A subject as shown, from all its records; `config` says which areas are one place. */
export function toSubject(id: string, records: PersonRecordEntity[], config: LinkageConfig): Subject {
  const byRegistration = [...records].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || compareKeys(a, b));
  const mostRecentFirst = [...records].sort(
    (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.registeredAt.getTime() - a.registeredAt.getTime() || compareKeys(a, b),
  );
  const names = new Map<string, string>();
  for (const record of mostRecentFirst) if (!names.has(record.nameKey)) names.set(record.nameKey, `${record.givenNames} ${record.familyName}`);
  const datesOfBirth = new Set<string>();
  for (const record of mostRecentFirst) if (record.dateOfBirth) datesOfBirth.add(record.dateOfBirth);
  // A record's evidence is its strongest link inside its subject, so the record it is linked to is one of these.
  const areaOf = new Map(records.map((record) => [recordKeyString(record), record.area]));
  return {
    id,
    displayName: names.values().next().value ?? "",
    knownNames: [...names.values()],
    datesOfBirth: [...datesOfBirth],
    records: byRegistration.map((record) => {
      const matchedRecord = record.linkedToAgency && record.linkedToLocalId ? { agency: record.linkedToAgency, localId: record.linkedToLocalId } : null;
      const comparisons = (record.comparisons ?? []).map((step) => ({ ...step, bayesFactor: 2 ** step.bits }));
      const linkedBy = recordLinkBasis(record.linkRule, record.comparisons);
      const matchedArea = matchedRecord ? areaOf.get(recordKeyString(matchedRecord)) : undefined;
      return {
        agency: record.agency,
        localId: record.localId,
        area: record.area,
        linkedBy,
        // A reviewer's link rests on the decision, not on the model's score that is kept beside it.
        linkProbability: linkedBy === RecordLinkBasis.STRONG_IDENTIFIER || linkedBy === RecordLinkBasis.NAME_AND_DATE_OF_BIRTH ? record.matchProbability : null,
        linkedAcrossAreas: matchedArea !== undefined && !sameArea(config, record.area, matchedArea),
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
  const left = recordKeyString(a);
  const right = recordKeyString(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
