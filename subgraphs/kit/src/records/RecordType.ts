import type { EntityManager } from "typeorm";

/** Another record a row points at, which must exist (in the database, or earlier in the same import). */
export interface RecordReference {
  /** The record type's name, e.g. `nominal`. */
  type: string;
  /** The input field holding the reference, for the error message. */
  field: string;
  id: string;
}

/**
 * Where the area a record belongs to is held — the force, trust or council whose staff alone may
 * change it (writes by area: see `checkWriterArea`). A record names its own area (`field`), or
 * belongs to the area of a record it references (`reference`: a DASH checklist is its occurrence's).
 */
export type RecordArea =
  /** The row field naming the area, also the word errors use for it (`force`); held in `table`.`column`. */
  | { field: string; table: string; column: string }
  /** The reference field (to a record of `type`) whose record's area this one shares; held in `table`.`column`. */
  | { reference: string; type: string; table: string; column: string };

/**
 * One kind of record an agency writes — a person record, an event, an involvement. The GraphQL
 * mutations and the NDJSON import both go through it, so they accept and reject exactly the same
 * input and save it the same way.
 */
export interface RecordType<Row = unknown> {
  /** The `type` value of an NDJSON line, e.g. `nominal`. */
  name: string;
  /**
   * Validates one input object; throws `InvalidInput` naming the field at fault. A record with an id
   * of its own always requires it here: mutations mint a missing one first (`withMintedId`).
   */
  parse(value: Record<string, unknown>, now?: Date): Row;
  /** Its id: the agency's own reference, or for a link without one its natural key. */
  id(row: Row): string;
  references?(row: Row): RecordReference[];
  /**
   * The record's area, for a record with an id of its own. A link without one (an involvement)
   * needs none: writing it changes nothing but the link, whose ends must be the writer's area.
   */
  area?: RecordArea;
  /** Which of these ids already exist. */
  existing(manager: EntityManager, ids: string[]): Promise<Set<string>>;
  /**
   * Saves rows idempotently (an upsert on the id or natural key), inside the caller's transaction.
   * Person record types also queue their identity registrations here.
   */
  save(manager: EntityManager, rows: Row[]): Promise<void>;
}

/** An agency's record types in dependency order: people, then events, then links between them. */
export type RecordTypes = readonly RecordType<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

export function recordType(types: RecordTypes, name: string): RecordType<unknown> | undefined {
  return types.find((type) => type.name === name);
}
