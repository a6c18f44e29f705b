import { readFileSync } from "node:fs";
import type { LinkableRecord } from "./linkableRecord";

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ""));
}

/**
 * Reads a labelled CSV in the Splink format: unique_id, first_name, surname, dob, city, email and the
 * true person in `cluster` (or `group`); optional postcode, nhs_number, pnc_id. Blanks are missing.
 * The labels come back separately: the engine never sees them.
 */
export function readLabelledCsv(file: string): { records: LinkableRecord[]; labels: string[] } {
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  if (!header) throw new Error(`${file}: empty`);
  const column = (name: string) => header.findIndex((cell) => cell.trim().toLowerCase() === name);
  const labelColumn = column("cluster") >= 0 ? column("cluster") : column("group");
  if (labelColumn < 0) throw new Error(`${file}: no label column (cluster or group)`);
  const fields = { id: column("unique_id"), firstName: column("first_name"), surname: column("surname"), dateOfBirth: column("dob"), city: column("city"), email: column("email"), postcode: column("postcode"), nhsNumber: column("nhs_number"), pncId: column("pnc_id") };
  const records: LinkableRecord[] = [];
  const labels: string[] = [];
  rows.forEach((cells, index) => {
    const value = (at: number) => {
      const cell = at >= 0 ? cells[at]?.trim() : undefined;
      return cell ? cell : undefined;
    };
    const record: LinkableRecord = { id: value(fields.id) ?? String(index) };
    for (const key of ["firstName", "surname", "dateOfBirth", "city", "email", "postcode", "nhsNumber", "pncId"] as const) {
      const cell = value(fields[key]);
      if (cell !== undefined) record[key] = cell;
    }
    records.push(record);
    labels.push(cells[labelColumn]?.trim() ?? "");
  });
  return { records, labels };
}
