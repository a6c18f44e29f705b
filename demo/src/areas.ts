import type { Random } from "./random";

/**
 * Fictional places. Each region has a police force, an NHS trust and a council, and postcode areas
 * whose letters are not real UK postcode areas (no real address can be generated), though the
 * postcodes are UK-shaped (`NM1 4QT`) and pass the kit's normalisation.
 */
export interface Organisation {
  /** The force, trust or council code that records carry (`force`, `trust`, `council`). */
  readonly code: string;
  readonly name: string;
}

export interface Region {
  readonly name: string;
  readonly force: Organisation;
  readonly trust: Organisation;
  readonly council: Organisation;
  readonly postcodeAreas: readonly string[];
}

export const REGIONS: readonly Region[] = [
  {
    name: "Northmoor",
    force: { code: "NMC", name: "Northmoor Constabulary" },
    trust: { code: "NVH", name: "Northmoor Valley Hospitals NHS Trust" },
    council: { code: "NMB", name: "Northmoor Borough Council" },
    postcodeAreas: ["NM", "NQ"],
  },
  {
    name: "Eastvale",
    force: { code: "EVP", name: "Eastvale Police" },
    trust: { code: "EVT", name: "Eastvale Teaching Hospitals NHS Trust" },
    council: { code: "EVC", name: "Eastvale County Council" },
    postcodeAreas: ["EV", "EQ"],
  },
  {
    name: "Westfold",
    force: { code: "WFC", name: "Westfold Constabulary" },
    trust: { code: "WFH", name: "Westfold Healthcare NHS Trust" },
    council: { code: "WFD", name: "Westfold District Council" },
    postcodeAreas: ["WQ", "WX"],
  },
  {
    name: "Southridge",
    force: { code: "SRP", name: "Southridge Police" },
    trust: { code: "SRH", name: "Southridge Hospitals NHS Foundation Trust" },
    council: { code: "SRB", name: "Southridge Borough Council" },
    postcodeAreas: ["SQ", "QX"],
  },
];

export function region(code: string): Region {
  const found = REGIONS.find((r) => r.force.code === code || r.trust.code === code || r.council.code === code);
  if (!found) throw new Error(`no region with code ${code}`);
  return found;
}

/** Any region but this one: where people go when they move force area. */
export function otherRegion(random: Random, from: Region): Region {
  return random.pick(REGIONS.filter((r) => r !== from));
}

// The letters Royal Mail uses in the unit part of a postcode (never C, I, K, M, O or V).
const UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

export function makePostcode(random: Random, place: Region): string {
  const district = random.int(1, 24);
  const unit = `${random.pick([...UNIT_LETTERS])}${random.pick([...UNIT_LETTERS])}`;
  return `${random.pick(place.postcodeAreas)}${district} ${random.int(0, 9)}${unit}`;
}

const STREETS = [
  "Mill Lane", "Church Road", "Station Road", "Victoria Street", "Park Avenue", "Moor View", "Beck Side",
  "Chapel Street", "Heather Close", "Larch Close", "Quarry Road", "Weavers Row", "Canal Walk",
  "Orchard Way", "Fell Road", "Albion Terrace", "Holly Bank", "Brook Street", "Alder Grove", "Kiln Lane",
];

export function makeStreetAddress(random: Random): string {
  return `${random.int(1, 180)} ${random.pick(STREETS)}`;
}
