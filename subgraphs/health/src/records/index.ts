import type { RecordTypes } from "@tessera/kit";
import { encounterRecord } from "./encounterRecord";
import { patientRecord } from "./patientRecord";
import type { IdPolicy } from "./recordIds";
import { safeguardingConcernRecord } from "./safeguardingConcernRecord";

function healthRecordTypes(ids: IdPolicy): RecordTypes {
  return [patientRecord(ids), encounterRecord(ids), safeguardingConcernRecord(ids)];
}

/** What the NDJSON import writes, in dependency order: every line must carry the trust's own id. */
export const recordTypes = healthRecordTypes({ assignMissingIds: false });

/** What the mutations write: the same validation and saving, but a missing id is assigned a UUID. */
export const mutationRecordTypes = healthRecordTypes({ assignMissingIds: true });
