import { isValidNhsNumber, makePncId } from "@tessera/kit";
import { COMMON_SURNAMES, FEMALE_NAMES, MALE_NAMES, RARER_SURNAMES, Random, type GivenName } from "@tessera/demo";
import type { LinkableRecord } from "../subgraphs/identity/src/linkage/linkableRecord";

/**
 * A fast, person-only synthetic population for the speed benchmark: `records` person records of
 * people known to the generator, several records per person, each a noisy copy. The noise is the
 * union of what the demo generator (demo/src/noise.ts) and Splink's fake-data generator do: nicknames,
 * typos anywhere in a name (the first letter too, rarely), names swapped, a married surname, missing
 * fields, day and month swapped, one digit of the date wrong, a date shifted by days, a move (new
 * postcode, often in another area), a mistyped email, and NHS numbers and PNC IDs on some records.
 *
 * Name frequencies are what decides how many pairs blocking makes, so they are drawn to look like a
 * national population rather than a town: given names from the demo lists with a falling (Zipf-like)
 * popularity plus a long tail, surnames from a few very common ones and a long tail of thousands.
 * The tails are invented by joining syllables; none is meant to be a real person's name.
 *
 * Two noise profiles: `agency` (the default) copies the demo's agencies — postcodes, NHS numbers and
 * PNC IDs, moderate noise; `splink` copies the noise of Splink's fake-data generator as its public
 * demo file shows it — no postcode or identifiers, city and email, one to ten records per person, a
 * name missing one time in ten, names swapped one time in seven, a typo in one name in eight, the date
 * shifted by up to a hundred days one time in five — so rules are judged on fresh data of that kind
 * and not on the evaluation file itself.
 */
export type NoiseProfileName = "agency" | "splink";

interface Noise {
  /** Relative weights of 1, 2, 3, … records per person. */
  copies: readonly number[];
  nickname: number;
  typo: number;
  missingName: number;
  swappedNames: number;
  missingDate: number;
  transposedDate: number;
  oneDigitDate: number;
  /** Shifted by up to `shiftDays` either way. */
  shiftedDate: number;
  shiftDays: number;
  moved: number;
  missingPostcode: number;
  city: number;
  email: number;
  emailTypo: number;
  nhsNumber: number;
  pncId: number;
}

const PROFILES: Record<NoiseProfileName, Noise> = {
  agency: { copies: [35, 25, 15, 10, 7, 4, 2, 2], nickname: 0.08, typo: 0.06, missingName: 0.04, swappedNames: 0.02, missingDate: 0.04, transposedDate: 0.04, oneDigitDate: 0.04, shiftedDate: 0.03, shiftDays: 60, moved: 0.2, missingPostcode: 0.1, city: 0.7, email: 0.5, emailTypo: 0.05, nhsNumber: 0.35, pncId: 0.4 },
  splink: { copies: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], nickname: 0.05, typo: 0.12, missingName: 0.09, swappedNames: 0.15, missingDate: 0, transposedDate: 0, oneDigitDate: 0, shiftedDate: 0.22, shiftDays: 100, moved: 0.16, missingPostcode: 1, city: 0.89, email: 0.89, emailTypo: 0.15, nhsNumber: 0, pncId: 0 },
};

export interface SyntheticPopulation {
  records: LinkableRecord[];
  labels: string[];
  people: number;
}

const GIVEN_PARTS = [["Al", "Bren", "Cal", "Dar", "El", "Fen", "Gal", "Hal", "Is", "Jar", "Kel", "Lor", "Mar", "Nor", "Or", "Per", "Quin", "Ros", "Sel", "Tam", "Ul", "Val", "Wyn", "Yor", "Zan", "Bel", "Cor", "Dem", "Ev", "Fin"], ["a", "an", "en", "ia", "ie", "in", "on", "or", "yn", "ella", "ette", "ina", "ric", "win", "ton", "ley", "dra", "ius", "o", "eth"]] as const;
const SURNAME_PARTS = [["Ash", "Black", "Brad", "Brook", "Cald", "Carr", "Clay", "Cold", "Crom", "Dal", "Down", "East", "Elm", "Fair", "Farn", "Ford", "Gar", "Glen", "Green", "Hal", "Hart", "Hay", "Hol", "Kirk", "Lang", "Lind", "Long", "Mar", "Mill", "Moss", "New", "North", "Oak", "Pen", "Rad", "Red", "Ross", "Ship", "Sid", "Stan", "Stock", "Sut", "Thorn", "Top", "Wal", "War", "West", "Whit", "Wick", "Wood", "Ald", "Bar", "Birk", "Cran", "Dun", "Ell", "Hurst", "Ing", "Kel", "Mer"], ["ley", "ton", "worth", "field", "ford", "by", "ham", "well", "wood", "stone", "bridge", "shaw", "thwaite", "cliffe", "dale", "hurst", "more", "wick", "croft", "man", "son", "er", "ridge", "gate", "holme", "land", "bury", "combe", "den", "ward", "all", "low", "ock", "ings", "ey", "in", "ett", "ow", "ick", "ell"], ["", "", "", "", "s", "e", "er", "ing"]] as const;

const CITY_STEMS = ["Ash", "Brom", "Carl", "Dun", "Eller", "Fal", "Grim", "Hal", "Ives", "Kes", "Lan", "Mor", "Nether", "Ock", "Pem", "Rav", "Sel", "Thorn", "Ul", "Wen"];
const CITY_ENDS = ["ford", "by", "ham", "port", "bridge", "ton", "wick", "minster", "caster", "mouth"];
const EMAIL_DOMAINS = ["mail.example", "post.example", "inbox.example", "net.example", "web.example"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

/** Ranked values with weight 1/(rank + offset): a few very common, a long tail. */
class Ranked<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly values: readonly T[],
    offset: number,
  ) {
    this.cumulative = new Float64Array(values.length);
    let total = 0;
    values.forEach((_, rank) => {
      total += 1 / (rank + 1 + offset);
      this.cumulative[rank] = total;
    });
  }

  draw(random: Random): T {
    const point = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! > point) high = middle;
      else low = middle + 1;
    }
    return this.values[low]!;
  }
}

function inventedNames(random: Random, parts: readonly (readonly string[])[], count: number, taken: ReadonlySet<string>): string[] {
  const names = new Set<string>();
  for (let attempt = 0; names.size < count && attempt < count * 20; attempt += 1) {
    const name = parts.map((part) => random.pick(part)).join("");
    if (name.length >= 3 && !taken.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

interface Place {
  city: string;
  area: string;
}

export function syntheticPeople(targetRecords: number, seed: number, profile: NoiseProfileName = "agency"): SyntheticPopulation {
  const noise = PROFILES[profile];
  const random = new Random(seed);
  const copyWeights = noise.copies.map((weight, index) => [index + 1, weight] as const);
  const listed = new Set([...FEMALE_NAMES, ...MALE_NAMES].map((name) => name.name.toLowerCase()));
  const givenTail = inventedNames(random, GIVEN_PARTS, 500, listed).map((name): GivenName => ({ name, shortForms: [] }));
  const female = new Ranked<GivenName>([...FEMALE_NAMES, ...givenTail.slice(0, 250)], 8);
  const male = new Ranked<GivenName>([...MALE_NAMES, ...givenTail.slice(250)], 8);
  const common = new Ranked(COMMON_SURNAMES, 3);
  const surnameTail = new Ranked([...RARER_SURNAMES, ...inventedNames(random, SURNAME_PARTS, 15_000, new Set(COMMON_SURNAMES.map((name) => name.toLowerCase())))], 20);
  const surname = () => (random.chance(0.12) ? common.draw(random) : surnameTail.draw(random));
  const places: Place[] = [];
  for (const first of "QX") for (const second of LETTERS.toUpperCase()) places.push({ area: first + second, city: random.pick(CITY_STEMS) + random.pick(CITY_ENDS) });
  const postcodeIn = (place: Place) => `${place.area}${random.int(1, 40)} ${random.int(0, 9)}${random.pick([...UNIT_LETTERS])}${random.pick([...UNIT_LETTERS])}`;
  let nhsSerial = random.int(0, 999_999);
  const nhsNumber = () => {
    for (;;) {
      nhsSerial = (nhsSerial + 7919) % 1_000_000;
      const stem = `999${String(nhsSerial).padStart(6, "0")}`;
      for (let check = 0; check <= 9; check += 1) if (isValidNhsNumber(`${stem}${check}`)) return `${stem}${check}`;
    }
  };
  let pncSerial = random.int(0, 9_999_999);

  const records: LinkableRecord[] = [];
  const labels: string[] = [];
  let people = 0;
  while (records.length < targetRecords) {
    const isFemale = random.chance(0.5);
    const given = (isFemale ? female : male).draw(random);
    const family = surname();
    const year = random.int(1935, 2015);
    const birth = Date.UTC(year, 0, 1) + random.int(0, 364) * 86_400_000;
    const dateOfBirth = new Date(birth).toISOString().slice(0, 10);
    const home = random.pick(places);
    const postcode = postcodeIn(home);
    const moved = random.chance(0.5) ? home : random.pick(places);
    const movedPostcode = postcodeIn(moved);
    const marriedName = isFemale && random.chance(0.1) ? surname() : undefined;
    const email = `${given.name}.${family}${random.chance(0.5) ? random.int(1, 99) : ""}@${random.pick(EMAIL_DOMAINS)}`.toLowerCase().replace(/[^a-z0-9.@]/g, "");
    const nhs = nhsNumber();
    const pnc = random.chance(0.08) ? makePncId(random.int(Math.min(Math.max(year + 12, 1990), 2025), 2025), (pncSerial = (pncSerial + 104_729) % 10_000_000)) : undefined;
    const copies = Math.min(random.weighted(copyWeights), targetRecords - records.length);
    for (let copy = 0; copy < copies; copy += 1) {
      const record: LinkableRecord = { id: `${people}-${copy}` };
      let firstName: string | undefined = given.shortForms.length > 0 && random.chance(noise.nickname) ? random.pick(given.shortForms) : given.name;
      let lastName: string | undefined = marriedName && random.chance(0.5) ? marriedName : family;
      if (random.chance(noise.typo)) firstName = typo(random, firstName);
      if (random.chance(noise.typo)) lastName = typo(random, lastName);
      if (random.chance(noise.missingName)) firstName = undefined;
      if (random.chance(noise.missingName)) lastName = undefined;
      if (random.chance(noise.swappedNames)) [firstName, lastName] = [lastName, firstName];
      if (firstName) record.firstName = firstName;
      if (lastName) record.surname = lastName;
      const recordedDate = noisyDate(random, dateOfBirth, noise);
      if (recordedDate) record.dateOfBirth = recordedDate;
      const place = random.chance(noise.moved) ? moved : home;
      if (!random.chance(noise.missingPostcode)) record.postcode = place === home ? postcode : movedPostcode;
      if (random.chance(noise.city)) record.city = place.city;
      if (random.chance(noise.email)) record.email = random.chance(noise.emailTypo) ? typo(random, email) : email;
      if (random.chance(noise.nhsNumber)) record.nhsNumber = nhs;
      if (pnc && random.chance(noise.pncId)) record.pncId = pnc;
      records.push(record);
      labels.push(String(people));
    }
    people += 1;
  }
  return { records, labels, people };
}

/** A substitution, deletion, insertion or swap of neighbours; the first letter is hit one time in ten. */
function typo(random: Random, text: string): string {
  if (text.length < 3) return text;
  const at = random.chance(0.1) ? 0 : random.int(1, text.length - 2);
  const letter = random.pick([...LETTERS]);
  switch (random.int(0, 3)) {
    case 0:
      return text.slice(0, at) + letter + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + letter + text.slice(at);
    default:
      return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
  }
}

function noisyDate(random: Random, date: string, noise: Noise): string | undefined {
  let roll = random.next();
  if ((roll -= noise.missingDate) < 0) return undefined;
  const [year, month, day] = date.split("-") as [string, string, string];
  if ((roll -= noise.transposedDate) < 0) return Number(day) <= 12 && day !== month ? `${year}-${day}-${month}` : date;
  if ((roll -= noise.oneDigitDate) < 0) {
    const at = random.pick([2, 3, 5, 6, 8, 9]);
    const changed = date.slice(0, at) + String((Number(date.charAt(at)) + random.int(1, 9)) % 10) + date.slice(at + 1);
    const parsed = Date.parse(`${changed}T00:00:00Z`);
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(changed) ? changed : date;
  }
  if ((roll -= noise.shiftedDate) < 0) {
    const days = random.int(1, noise.shiftDays) * (random.chance(0.5) ? 1 : -1);
    return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  }
  return date;
}
