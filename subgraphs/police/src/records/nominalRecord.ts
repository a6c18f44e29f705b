import {
  areaCode,
  bulkUpsert,
  existingIds,
  InvalidInput,
  isValidPncId,
  lastPerKey,
  nestedObject,
  normalisePncId,
  optionalPastDate,
  optionalText,
  parsePersonIdentifiers,
  PERSON_IDENTIFIER_UPSERT_COLUMNS,
  queueRegistrations,
  requiredPostcode,
  requiredRecordId,
  toPersonRegistration,
  type PersonRegistration,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import type { EntityManager } from "typeorm";
import { POLICE_AGENCY } from "../agency";
import { currentAddress } from "../nominals/currentAddress";
import type { Nominal, NominalAddress } from "../nominals/Nominal";

/** More would be a data error, not a person's history. */
const MAX_ADDRESSES = 50;

const COLUMNS: readonly UpsertColumn[] = [
  ...upsertColumns({ id: "text", force: "text" }),
  ...PERSON_IDENTIFIER_UPSERT_COLUMNS,
  ...upsertColumns({ pncId: "text" }),
];

/** A person record held by one force (for good: another force's write to its id is refused); saving it registers the person with identity. */
export const nominalRecord: RecordType<Nominal> = {
  name: "nominal",

  parse(value, now = new Date()) {
    const id = requiredRecordId("id", value.id);
    const force = areaCode("force", value.force);
    const identifiers = parsePersonIdentifiers(value, now);
    const pncText = optionalText("pncId", value.pncId, 20);
    if (pncText !== undefined && !isValidPncId(pncText)) throw new InvalidInput("pncId", "must be a PNC ID YYYY/NNNNNNNC (or YY/NNNNNNNC) with a valid check letter");
    const addresses = parseAddresses(value.addresses, now);
    return { id, force, ...identifiers, pncId: pncText && normalisePncId(pncText), addresses };
  },

  id: (nominal) => nominal.id,

  area: { field: "force", table: "nominal", column: "force" },

  existing: (manager, ids) => existingIds(manager, "nominal", ids),

  async save(manager, rows) {
    const nominals = lastPerKey(rows, (nominal) => nominal.id);
    await bulkUpsert(manager, "nominal", COLUMNS, nominals, { areaColumn: "force" });
    await saveAddresses(manager, nominals);
    // Every nominal's registration: the kit queues only those that differ from the last one queued,
    // which also catches a new current address — a change the nominal row itself does not show.
    await queueRegistrations(manager, nominals.map(toRegistration));
  },
};

function parseAddresses(value: unknown, now: Date): NominalAddress[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidInput("addresses", "must be a list of addresses");
  if (value.length > MAX_ADDRESSES) throw new InvalidInput("addresses", `must hold at most ${MAX_ADDRESSES} addresses`);
  return value.map((item: unknown, index) => {
    const field = `addresses.${index}`;
    const address = nestedObject(field, item);
    const line1 = optionalText(`${field}.line1`, address.line1, 200);
    const postcode = requiredPostcode(`${field}.postcode`, address.postcode);
    const from = optionalPastDate(`${field}.from`, address.from, now);
    const to = optionalPastDate(`${field}.to`, address.to, now);
    if (from && to && to < from) throw new InvalidInput(`${field}.to`, "must not be before from");
    return { line1, postcode, from, to };
  });
}

/**
 * A nominal's addresses replace what was held, keyed by their position in the list: positions
 * still listed are updated in place, the rest removed — one statement for the whole batch.
 */
async function saveAddresses(manager: EntityManager, nominals: Nominal[]): Promise<void> {
  const addresses = nominals.flatMap((nominal) => nominal.addresses.map((address, position) => ({ ...address, nominalId: nominal.id, position })));
  await manager.query(
    `WITH incoming AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS a("nominalId" text, position int, line1 text, postcode text, "from" date, "to" date)
     ), removed AS (
       DELETE FROM nominal_address held
        WHERE held.nominal_id = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i."nominalId" = held.nominal_id AND i.position = held.position)
     )
     INSERT INTO nominal_address (nominal_id, position, line1, postcode, valid_from, valid_to)
     SELECT "nominalId", position, line1, postcode, "from", "to" FROM incoming
     ON CONFLICT (nominal_id, position) DO UPDATE SET
       line1 = excluded.line1, postcode = excluded.postcode, valid_from = excluded.valid_from, valid_to = excluded.valid_to
     WHERE (nominal_address.*) IS DISTINCT FROM (excluded.*)`,
    [JSON.stringify(addresses), nominals.map((nominal) => nominal.id)],
  );
}

/** Only the identifiers identity needs to tell who is who; nothing about occurrences. */
export function toRegistration(nominal: Nominal): PersonRegistration {
  // A nominal's postcode is its current address's: the one identity compares with other agencies' postcodes.
  return toPersonRegistration(
    { agency: POLICE_AGENCY, localId: nominal.id, area: nominal.force },
    { ...nominal, postcode: currentAddress(nominal.addresses)?.postcode },
  );
}
