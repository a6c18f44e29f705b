import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import { InvalidInput } from "../errors/badUserInput";
import { recordType, type RecordTypes } from "./RecordType";

export interface RejectedLine {
  line: number;
  reason: string;
}

export interface ImportReport {
  lines: number;
  /** Lines loaded (inserted or, when already present, updated in place), per record type. */
  loaded: Record<string, number>;
  rejected: RejectedLine[];
}

export interface ImportOptions {
  db: DataSource;
  types: RecordTypes;
  /** A file path or a stream of NDJSON. */
  input: string | Readable;
  /** Lines per transaction. */
  batchSize?: number;
  /** After each committed batch (the identity relay flushes here). */
  afterBatch?: (report: ImportReport) => Promise<void>;
  now?: Date;
}

interface ParsedLine {
  line: number;
  type: string;
  id: string;
  row: unknown;
}

/**
 * Loads NDJSON — one `{"type": "...", ...}` object per line — through the agency's record types.
 * Each bad line is reported with its number and reason and the rest load; saving is an upsert, so
 * loading the same file twice changes nothing. Batches commit one transaction each; a batch the
 * database refuses is retried line by line so one bad line cannot sink its neighbours.
 */
export async function importNdjson(options: ImportOptions): Promise<ImportReport> {
  const { db, types } = options;
  const batchSize = options.batchSize ?? 1000;
  const now = options.now ?? new Date();
  const report: ImportReport = { lines: 0, loaded: Object.fromEntries(types.map((t) => [t.name, 0])), rejected: [] };
  // Ids loaded by this import, so later lines can refer to earlier ones without a database look-up.
  const loadedIds = new Map<string, Set<string>>(types.map((t) => [t.name, new Set<string>()]));
  const stream = typeof options.input === "string" ? createReadStream(options.input, "utf8") : options.input;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });

  let batch: ParsedLine[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const valid = await checkReferences(batch);
    await saveBatch(valid);
    batch = [];
    await options.afterBatch?.(report);
  };

  const reject = (line: number, reason: string) => report.rejected.push({ line, reason });

  const checkReferences = async (parsed: ParsedLine[]): Promise<ParsedLine[]> => {
    const wanted = new Map<string, Set<string>>();
    const inBatch = new Map<string, Set<string>>(types.map((t) => [t.name, new Set<string>()]));
    for (const item of parsed) inBatch.get(item.type)!.add(item.id);
    for (const item of parsed) {
      for (const ref of recordType(types, item.type)!.references?.(item.row) ?? []) {
        if (!loadedIds.get(ref.type)?.has(ref.id) && !inBatch.get(ref.type)?.has(ref.id)) {
          if (!wanted.has(ref.type)) wanted.set(ref.type, new Set());
          wanted.get(ref.type)!.add(ref.id);
        }
      }
    }
    const found = new Map<string, Set<string>>();
    for (const [typeName, ids] of wanted) {
      found.set(typeName, await recordType(types, typeName)!.existing(db.manager, [...ids]));
    }
    const valid: ParsedLine[] = [];
    const accepted = new Map<string, Set<string>>(types.map((t) => [t.name, new Set<string>()]));
    for (const item of parsed) {
      const missing = (recordType(types, item.type)!.references?.(item.row) ?? []).find(
        (ref) => !loadedIds.get(ref.type)?.has(ref.id) && !accepted.get(ref.type)?.has(ref.id) && !found.get(ref.type)?.has(ref.id),
      );
      if (missing) {
        reject(item.line, `${missing.field}: no ${missing.type} with id ${missing.id} (in the database or on an earlier line)`);
        continue;
      }
      accepted.get(item.type)!.add(item.id);
      valid.push(item);
    }
    return valid;
  };

  const saveBatch = async (items: ParsedLine[]) => {
    if (items.length === 0) return;
    const ordered = [...items].sort((a, b) => typeIndex(a.type) - typeIndex(b.type) || a.line - b.line);
    try {
      await db.transaction(async (manager) => {
        for (const type of types) {
          const rows = ordered.filter((item) => item.type === type.name).map((item) => item.row);
          if (rows.length) await type.save(manager, rows);
        }
      });
      for (const item of ordered) markLoaded(item);
    } catch {
      for (const item of ordered) {
        try {
          await db.transaction((manager) => recordType(types, item.type)!.save(manager, [item.row]));
          markLoaded(item);
        } catch (error) {
          // A check made while saving (an id another area holds) names its field like any other; only
          // an unexpected database error is reported as such.
          reject(item.line, error instanceof InvalidInput ? error.message : `not saved: ${(error as Error).message}`);
        }
      }
    }
  };

  const typeIndex = (name: string) => types.findIndex((t) => t.name === name);
  const markLoaded = (item: ParsedLine) => {
    loadedIds.get(item.type)!.add(item.id);
    report.loaded[item.type] = (report.loaded[item.type] ?? 0) + 1;
  };

  for await (const text of lines) {
    report.lines += 1;
    const lineNumber = report.lines;
    if (text.trim() === "") continue;
    const parsed = parseLine(text, lineNumber, types, now);
    if ("reason" in parsed) reject(lineNumber, parsed.reason);
    else batch.push(parsed);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

function parseLine(text: string, line: number, types: RecordTypes, now: Date): ParsedLine | RejectedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { line, reason: "must be a JSON object" };
  const { type: typeName, ...fields } = value as Record<string, unknown>;
  const type = typeof typeName === "string" ? recordType(types, typeName) : undefined;
  if (!type) return { line, reason: `type: must be one of ${types.map((t) => t.name).join(", ")}` };
  try {
    const row = type.parse(fields, now);
    return { line, type: type.name, id: type.id(row), row };
  } catch (error) {
    if (error instanceof InvalidInput) return { line, reason: error.message };
    throw error;
  }
}
