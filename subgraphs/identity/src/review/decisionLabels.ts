import type { EntityManager } from "typeorm";
import type { LabelledPair } from "../linkage/accuracy";
import { recordKeyString } from "../linkage/RecordKey";
import { loadConstraints } from "../resolution/storedRecords";

/**
 * Reviewers' decisions as labelled pairs for the accuracy benchmark (`npm run bench:linkage --
 * --identity`): every active decision's pairs, the latest decision deciding a pair, keyed as
 * `recordKeyString` — the ids `readLinkableRecords` gives the same records.
 */
export async function decisionLabels(manager: EntityManager): Promise<LabelledPair[]> {
  return (await loadConstraints(manager)).map(({ left, right, samePerson }) => ({ left: recordKeyString(left), right: recordKeyString(right), samePerson }));
}
