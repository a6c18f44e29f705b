import path from "node:path";
import { seededRandom } from "@tessera/kit";
import type { LinkableRecord } from "../linkableRecord";
import { readLabelledCsv } from "../splinkCsv";

/** The Splink demo set (see ../shared/data/README.md); its labels are never used to estimate. */
export const SPLINK_FAKE_1000 = path.join(__dirname, "..", "..", "..", "..", "..", "..", "shared", "data", "splink_fake_1000.csv");

export function readSplinkRecords(file: string = SPLINK_FAKE_1000): { records: LinkableRecord[]; labels: string[] } {
  return readLabelledCsv(file);
}

const FIRST = ["oliver", "amelia", "jack", "isla", "harry", "ava", "george", "mia", "noah", "grace", "leo", "freya", "oscar", "lily", "arthur", "ella"];
const SURNAMES = ["smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies", "patel", "wright", "okafor", "nowak", "quigley", "ashworth", "fairbairn", "rourke"];

/**
 * A small population with KNOWN structure: `people` people, each recorded `copies` times; a copy may
 * carry a typo in a name or a date one digit out. Seeded.
 */
export function syntheticPopulation(people: number, copies: number, seed: number): { records: LinkableRecord[]; labels: string[] } {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const records: LinkableRecord[] = [];
  const labels: string[] = [];
  for (let person = 0; person < people; person += 1) {
    const firstName = pick(FIRST);
    const surname = pick(SURNAMES);
    const year = 1950 + Math.floor(random() * 60);
    const dateOfBirth = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const city = pick(["london", "leeds", "newcastle", "bristol", "york"]);
    for (let copy = 0; copy < copies; copy += 1) {
      const noisy = random() < 0.3;
      records.push({
        id: `${person}-${copy}`,
        firstName: noisy && random() < 0.5 ? `${firstName.slice(0, -1)}${"aeiou"[Math.floor(random() * 5)]}` : firstName,
        surname,
        dateOfBirth: noisy && random() < 0.5 ? dateOfBirth.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10)) : dateOfBirth,
        city,
      });
      labels.push(String(person));
    }
  }
  return { records, labels };
}
