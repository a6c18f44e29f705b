import type { PersonRegistration } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { parseRegistrations } from "../registration/parseRegistrations";
import { registerPeople } from "../registration/registerPeople";

/** Synthetic people for identity's tests: every name, date and number here is made up. */
export function person(fields: Pick<PersonRegistration, "agency" | "localId" | "givenNames" | "familyName"> & Partial<PersonRegistration>): PersonRegistration {
  return { area: fields.agency === "health" ? "NVH" : fields.agency === "social-care" ? "NMB" : "NMC", ...fields };
}

/** A valid NHS number (modulus 11) from a serial, for as many distinct people as a test needs. */
export function nhsNumberFor(serial: number): string {
  for (let candidate = serial; ; candidate += 1) {
    const digits = String(400_000_000 + candidate).padStart(9, "0");
    const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check !== 10) return `${digits}${check === 11 ? 0 : check}`;
  }
}

/** Registers through the same validation the HTTP endpoint uses. */
export async function register(db: DataSource, people: PersonRegistration[]) {
  const parsed = parseRegistrations({ registrations: people });
  if (parsed.errors) throw new Error(`invalid test registrations: ${JSON.stringify(parsed.errors)}`);
  return registerPeople(db, parsed.registrations);
}
