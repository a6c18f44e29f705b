import type { LinkageRecord } from "./LinkageRecord";

/**
 * A blocking rule: records that share its key are candidates to compare. Blocking keeps linkage
 * from comparing every record with every other; a pair no rule brings together is never compared,
 * so the rules must cover every way `decideSamePerson` can say "same".
 */
export interface BlockingRule {
  name: string;
  key(record: LinkageRecord): string | undefined;
}

/**
 * The deterministic rules' blocks: one per rule of `decideSamePerson`. The database side of the same
 * blocks is `loadLinkageNeighbourhood`, on the indexed columns nhs_number, pnc_id and
 * (name_key, date_of_birth).
 */
export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: "nhs_number", key: (record) => record.nhsNumber },
  { name: "pnc_id", key: (record) => record.pncId },
  { name: "name_and_date_of_birth", key: (record) => (record.dateOfBirth ? `${record.nameKey}|${record.dateOfBirth}` : undefined) },
];

/** The blocks a record falls in, each prefixed by its rule so that keys of different rules never meet. */
export function blockingKeys(record: LinkageRecord, rules: readonly BlockingRule[] = BLOCKING_RULES): string[] {
  const keys: string[] = [];
  for (const rule of rules) {
    const key = rule.key(record);
    if (key !== undefined) keys.push(`${rule.name}:${key}`);
  }
  return keys;
}
