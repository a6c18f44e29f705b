import { makePostcode, makeStreetAddress, type Region } from "./areas";
import type { IdentifierIssuer } from "./identifiers";
import { COMMON_SURNAME_SHARE, COMMON_SURNAMES, FEMALE_NAMES, MALE_NAMES, RARER_SURNAMES, type GivenName } from "./names";
import type { Random } from "./random";
import { isoDate, YEAR } from "./time";

export type TrueSex = "FEMALE" | "MALE";

/** Where someone lives from `since`. Agencies record the home current when they first meet the person. */
export interface Home {
  readonly region: Region;
  readonly line1: string;
  readonly postcode: string;
  readonly since: number;
}

/**
 * A true person — what every agency record of them is a more or less faithful copy of. The truth
 * file maps each record back to `id`.
 */
export interface Person {
  readonly id: string;
  readonly sex: TrueSex;
  readonly givenName: GivenName;
  readonly middleName: string | undefined;
  readonly familyName: string;
  readonly dateOfBirth: string;
  /** Birth as an instant, to keep every event after it. */
  readonly born: number;
  home: Home;
  /** Issued when a health or care record first needs it. */
  nhsNumber: string | undefined;
  pncId: string | undefined;
  /** The force that took the person's fingerprints: its nominals carry the PNC ID, other forces' often do not. */
  pncForce: string | undefined;
}

/** Makes the true people of a story and keeps count of everyone in the population. */
export class PeopleFactory {
  private created = 0;
  private unseen = 0;

  constructor(
    private readonly random: Random,
    private readonly issuer: IdentifierIssuer,
  ) {}

  /** Everyone created, plus the members of households no agency ever meets. */
  get population(): number {
    return this.created + this.unseen;
  }

  /** People who live in the area but never come to any agency's attention: counted, never generated. */
  countUnseen(people: number): void {
    this.unseen += people;
  }

  person(sex: TrueSex, born: number, home: Home, familyName?: string): Person {
    const { random } = this;
    this.created += 1;
    const names = sex === "FEMALE" ? FEMALE_NAMES : MALE_NAMES;
    const givenName = random.pick(names);
    let middleName: string | undefined;
    if (random.chance(0.55)) {
      const middle = random.pick(names).name;
      if (middle !== givenName.name) middleName = middle;
    }
    return {
      id: `P${String(this.created).padStart(7, "0")}`,
      sex,
      givenName,
      middleName,
      familyName: familyName ?? this.surname(),
      dateOfBirth: isoDate(born),
      born,
      home,
      nhsNumber: undefined,
      pncId: undefined,
      pncForce: undefined,
    };
  }

  /** An adult aged from `minAge` to `maxAge` at `at`. */
  adult(sex: TrueSex, at: number, minAge: number, maxAge: number, home: Home, familyName?: string): Person {
    return this.person(sex, at - this.random.between(minAge, maxAge) * YEAR, home, familyName);
  }

  randomSex(): TrueSex {
    return this.random.chance(0.5) ? "FEMALE" : "MALE";
  }

  surname(): string {
    return this.random.chance(COMMON_SURNAME_SHARE) ? this.random.pick(COMMON_SURNAMES) : this.random.pick(RARER_SURNAMES);
  }

  home(region: Region, since: number): Home {
    return { region, line1: makeStreetAddress(this.random), postcode: makePostcode(this.random, region), since };
  }

  /** A household moves together to a new address (in the same or another region). */
  move(people: readonly Person[], region: Region, at: number): Home {
    const home = this.home(region, at);
    for (const person of people) person.home = home;
    return home;
  }

  nhsNumberOf(person: Person): string {
    person.nhsNumber ??= this.issuer.nhsNumber();
    return person.nhsNumber;
  }

  /** Gives a person a criminal record in `force` (arrested and fingerprinted at `at`), unless they have one. */
  arrest(person: Person, force: string, at: number): void {
    if (person.pncId) return;
    person.pncId = this.issuer.pncId(new Date(at).getUTCFullYear());
    person.pncForce = force;
  }
}
