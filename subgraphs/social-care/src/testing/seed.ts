import { recordType } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordTypes } from "../records";

/** Saves many records of one type through its own parse and save, as the import would. */
export async function seed(db: DataSource, typeName: string, inputs: Record<string, unknown>[]): Promise<void> {
  const type = recordType(recordTypes, typeName);
  if (!type) throw new Error(`no record type ${typeName}`);
  const rows = inputs.map((input) => type.parse(input));
  await db.transaction((manager) => type.save(manager, rows));
}
