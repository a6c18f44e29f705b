/** An agency's person record, named the way agencies and counterparts name it. */
export interface RecordKey {
  agency: string;
  localId: string;
}

/**
 * The fields linkage compares, already in their comparable form: the name folded by the kit's
 * `normaliseName`, the NHS number as ten digits, the PNC ID as `YY/NNNNNNNC` (see the kit's `pncIdKey`).
 */
export interface LinkageRecord extends RecordKey {
  nameKey: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  nhsNumber?: string;
  pncId?: string;
}

/** One string per record, for maps and sets. */
export function recordKeyString(key: RecordKey): string {
  return `${key.agency}\u0000${key.localId}`;
}

export function parseRecordKeyString(value: string): RecordKey {
  const separator = value.indexOf("\u0000");
  return { agency: value.slice(0, separator), localId: value.slice(separator + 1) };
}
