/** An agency's person record, named the way agencies and counterparts name it. */
export interface RecordKey {
  agency: string;
  localId: string;
}

/** One string per record, for maps and sets. */
export function recordKeyString(key: RecordKey): string {
  return `${key.agency}\u0000${key.localId}`;
}

export function parseRecordKeyString(value: string): RecordKey {
  const separator = value.indexOf("\u0000");
  return { agency: value.slice(0, separator), localId: value.slice(separator + 1) };
}
