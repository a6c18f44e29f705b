import type { RegistrationResult } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordKeyString } from "../linkage/RecordKey";
import { linkNeighbourhood } from "../resolution/linkNeighbourhood";
import type { ValidRegistration } from "./parseRegistrations";

/**
 * Registers a batch of person records and links each to its subject as it arrives, in one
 * transaction (`linkNeighbourhood`). An upsert by agency and local id, so a batch delivered twice
 * changes nothing. The same record twice in a batch: the later one wins. Answers in the batch's order.
 */
export async function registerPeople(db: DataSource, registrations: ValidRegistration[], now = new Date()): Promise<RegistrationResult[]> {
  if (registrations.length === 0) return [];
  const subjectOf = await db.transaction((manager) => linkNeighbourhood(manager, { incoming: registrations }, now));
  return registrations.map((record) => ({ agency: record.agency, localId: record.localId, subjectId: subjectOf.get(recordKeyString(record))! }));
}
