import { randomUUID } from "node:crypto";
import type { RegistrationResult } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordKeyString } from "../linkage/LinkageRecord";
import { planLinkage } from "../linkage/planLinkage";
import { loadLinkageNeighbourhood } from "./loadLinkageNeighbourhood";
import type { ValidRegistration } from "./parseRegistrations";
import { saveLinkagePlan } from "./saveLinkagePlan";

/**
 * Linkage decides on a snapshot of the neighbourhood, so two batches touching the same people must
 * not decide at once: one transaction-scoped advisory lock makes batches take turns. A batch takes
 * milliseconds, and agencies send batches, so the turn-taking costs little.
 */
const LINKAGE_LOCK = 7_311_001;

/**
 * Taken with the lock, for this transaction only. Every statement of a batch is a few hundred key
 * lookups, but during a bulk load the tables grow faster than autovacuum refreshes their
 * statistics, and on stale statistics the planner joins whole tables for every batch (measured:
 * each batch of 500 slowing from 100 ms to 250 ms as 100,000 registrations loaded). Index lookups
 * in nested loops are always right here, so they are not left to the statistics.
 */
const LOCK_AND_PLAN_FOR_LOOKUPS = `SELECT pg_advisory_xact_lock($1),
  set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`;

/**
 * Registers a batch of person records and links each to its subject, in one transaction: lock,
 * load the neighbourhood (one statement), decide in memory, write in bulk. An upsert by agency and
 * local id, so a batch delivered twice changes nothing. The same record twice in a batch: the later
 * one wins. Answers in the batch's order.
 */
export async function registerPeople(db: DataSource, registrations: ValidRegistration[], now = new Date()): Promise<RegistrationResult[]> {
  if (registrations.length === 0) return [];
  const batch = [...new Map(registrations.map((record) => [recordKeyString(record), record])).values()];
  const plan = await db.transaction(async (manager) => {
    await manager.query(LOCK_AND_PLAN_FOR_LOOKUPS, [LINKAGE_LOCK]);
    const stored = await loadLinkageNeighbourhood(manager, batch);
    const linkage = planLinkage({ stored, incoming: batch, now, newSubjectId: randomUUID });
    await saveLinkagePlan(manager, linkage, stored, batch, now);
    return linkage;
  });
  return registrations.map((record) => ({ agency: record.agency, localId: record.localId, subjectId: plan.placements.get(recordKeyString(record))!.subjectId }));
}
