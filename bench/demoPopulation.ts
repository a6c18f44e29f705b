import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { AGENCY_NAMES } from "@tessera/kit";
import { writeDemoData } from "@tessera/demo";
import type { LinkableRecord } from "../subgraphs/identity/src/linkage/linkableRecord";

/** The NDJSON types that are person records, per agency (docs/import-format.md). */
const PERSON_TYPES: Record<string, string> = { police: "nominal", health: "patient", "social-care": "client" };

interface PersonLine {
  type: string;
  id: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  postcode?: string;
  nhsNumber?: string;
  pncId?: string;
  addresses?: { postcode: string; from?: string; to?: string }[];
}

/**
 * A labelled population from Tessera's own generator — a different generator from the one behind the
 * Splink file, with its own noise (nicknames, typos, swapped names, transposed dates, moves between
 * areas) — so the linkage settings can be checked on data they were never looked at against. The
 * records are what agencies register (names, date of birth, postcode, NHS number, PNC ID); the labels
 * come from the generator's truth file and are used only to evaluate.
 */
export async function readDemoPopulation(subjects: number, seed: number): Promise<{ records: LinkableRecord[]; labels: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tessera-linkage-bench-"));
  try {
    await writeDemoData({ dir, seed, subjects });
    const truth = new Map<string, string>();
    for (const line of readFileSync(path.join(dir, "truth.csv"), "utf8").split("\n").slice(1)) {
      const [agency, localId, personId] = line.split(",");
      if (agency && localId && personId) truth.set(`${agency}/${localId}`, personId);
    }
    const records: LinkableRecord[] = [];
    const labels: string[] = [];
    for (const agency of AGENCY_NAMES) {
      const lines = createInterface({ input: createReadStream(path.join(dir, `${agency}.ndjson`), "utf8"), crlfDelay: Infinity });
      for await (const text of lines) {
        if (!text.includes(`"type":"${PERSON_TYPES[agency]}"`)) continue;
        const person = JSON.parse(text) as PersonLine;
        const label = truth.get(`${agency}/${person.id}`);
        if (!label) throw new Error(`no truth for ${agency}/${person.id}`);
        records.push(toLinkable(`${agency}/${person.id}`, person));
        labels.push(label);
      }
    }
    return { records, labels };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toLinkable(id: string, person: PersonLine): LinkableRecord {
  // Police keeps postcodes on addresses: the current one (no end date) is what it registers.
  const postcode = person.postcode ?? person.addresses?.find((address) => !address.to)?.postcode ?? person.addresses?.at(-1)?.postcode;
  const record: LinkableRecord = { id, firstName: person.givenNames, surname: person.familyName };
  if (person.dateOfBirth) record.dateOfBirth = person.dateOfBirth;
  if (postcode) record.postcode = postcode;
  if (person.nhsNumber) record.nhsNumber = person.nhsNumber;
  if (person.pncId) record.pncId = person.pncId;
  return record;
}
