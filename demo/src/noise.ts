import type { DemoAgency, RecordedSex } from "./format";
import type { GivenName } from "./names";
import type { Person } from "./people";
import type { Random } from "./random";

/**
 * How faithfully each agency copies a person. Police take names at the roadside and from the person
 * themself (nicknames, typos, no date of birth); health copies from the NHS spine (few errors, middle
 * names); social care sits between. These are the errors identity's linkage must survive.
 */
export interface NoiseProfile {
  /** Records the middle name too, when the person has one. */
  middleName: number;
  /** Records a short form of the given name (Daniel → Danny) when one exists. */
  shortForm: number;
  /** One character of the given or family name swapped with its neighbour, or dropped. */
  typo: number;
  /** Given and family names recorded the wrong way round. */
  swappedNames: number;
  missingDateOfBirth: number;
  /** Day and month transposed, where that still gives a date (day ≤ 12). */
  transposedDateOfBirth: number;
  missingSex: number;
}

export const NOISE: Record<DemoAgency, NoiseProfile> = {
  police: { middleName: 0.15, shortForm: 0.12, typo: 0.03, swappedNames: 0.015, missingDateOfBirth: 0.06, transposedDateOfBirth: 0.05, missingSex: 0.01 },
  health: { middleName: 0.5, shortForm: 0.03, typo: 0.01, swappedNames: 0.005, missingDateOfBirth: 0.005, transposedDateOfBirth: 0.01, missingSex: 0.002 },
  "social-care": { middleName: 0.25, shortForm: 0.08, typo: 0.03, swappedNames: 0.01, missingDateOfBirth: 0.03, transposedDateOfBirth: 0.03, missingSex: 0.01 },
};

export interface RecordedNames {
  givenNames: string;
  familyName: string;
}

export function recordedNames(random: Random, person: Person, noise: NoiseProfile): RecordedNames {
  let givenNames = person.givenName.name;
  if (person.givenName.shortForms.length > 0 && random.chance(noise.shortForm)) givenNames = shortFormOf(random, person.givenName);
  else if (person.middleName && random.chance(noise.middleName)) givenNames = `${givenNames} ${person.middleName}`;
  let familyName = person.familyName;
  if (random.chance(noise.typo)) {
    if (random.chance(0.5)) givenNames = typo(random, givenNames);
    else familyName = typo(random, familyName);
  }
  if (random.chance(noise.swappedNames)) return { givenNames: familyName, familyName: givenNames };
  return { givenNames, familyName };
}

/** The short form a person goes by, or their name when it has none (how victims name a partner). */
export function shortFormOf(random: Random, name: GivenName): string {
  return name.shortForms.length > 0 ? random.pick(name.shortForms) : name.name;
}

/** One letter swapped with the next, or dropped; the first letter is kept, as people rarely get it wrong. */
export function typo(random: Random, text: string): string {
  const positions: number[] = [];
  for (let i = 1; i < text.length - 1; i += 1) {
    if (/[a-z]/.test(text[i]!) && /[a-z]/.test(text[i + 1]!) && text[i] !== text[i + 1]) positions.push(i);
  }
  if (positions.length === 0) return text;
  const at = random.pick(positions);
  if (random.chance(0.5) && text.length > 3) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
}

/** The date of birth as recorded, or undefined when it was not taken. Never later than `latest`. */
export function recordedDateOfBirth(random: Random, person: Person, noise: NoiseProfile, latest: string): string | undefined {
  if (random.chance(noise.missingDateOfBirth)) return undefined;
  if (random.chance(noise.transposedDateOfBirth)) {
    const transposed = transposeDayAndMonth(person.dateOfBirth);
    if (transposed && transposed <= latest) return transposed;
  }
  return person.dateOfBirth;
}

/** `1988-11-02` → `1988-02-11`; undefined when the day is over 12 or equals the month. */
export function transposeDayAndMonth(date: string): string | undefined {
  const [year, month, day] = date.split("-") as [string, string, string];
  if (Number(day) > 12 || day === month) return undefined;
  return `${year}-${day}-${month}`;
}

export function recordedSex(random: Random, person: Person, noise: NoiseProfile): RecordedSex | undefined {
  if (random.chance(noise.missingSex)) return random.chance(0.5) ? "NOT_KNOWN" : undefined;
  return person.sex;
}
