import { blockOn, DEFAULT_BLOCKING_RULES, generateCandidatePairs } from "../blockingRuleLibrary";
import { prepareRecord, type LinkableRecord } from "../linkableRecord";

const prepare = (records: LinkableRecord[]) => records.map(prepareRecord);
const pairsOf = (pairs: Uint32Array) => Array.from({ length: pairs.length / 2 }, (_, p) => [pairs[p * 2]!, pairs[p * 2 + 1]!]);

/** Every pair sharing a key under some rule, the obvious way, to check the typed-array version against. */
function naivePairs(records: ReturnType<typeof prepare>, rules: typeof DEFAULT_BLOCKING_RULES): number[][] {
  const found: number[][] = [];
  for (let a = 0; a < records.length; a += 1) {
    for (let b = a + 1; b < records.length; b += 1) {
      const together = rules.some((rule) => {
        const key = (record: (typeof records)[number]) => rule.on.map((part) => (part === "birthYear" ? record.dateOfBirth?.slice(0, 4) : part === "sortedNames" ? (record.firstName && record.surname ? [record.firstName, record.surname].sort().join(" ") : undefined) : part === "surnameSound" ? record.surnameCodes?.[0] : part === "firstNameSound" ? record.firstNameCodes?.[0] : record[part]));
        const keyA = key(records[a]!);
        const keyB = key(records[b]!);
        return keyA.every((value) => value) && keyA.join("|") === keyB.join("|");
      });
      if (together) found.push([a, b]);
    }
  }
  return found;
}

describe("generateCandidatePairs", () => {
  it("gives each pair once, lower index first, sorted — the same pairs as comparing every pair", () => {
    const first = ["Ann", "Anne", "Bob", "Rob", "Cara", undefined];
    const last = ["Lee", "Leigh", "Shaw", "Shore", undefined];
    const records: LinkableRecord[] = Array.from({ length: 120 }, (_, i) => ({
      id: String(i),
      firstName: first[i % first.length],
      surname: last[(i * 7) % last.length],
      dateOfBirth: `19${70 + (i % 3)}-0${1 + (i % 2)}-1${i % 4}`,
      city: i % 5 === 0 ? undefined : ["york", "leeds"][i % 2],
      email: i % 11 === 0 ? "shared@example.org" : undefined,
    }));
    const prepared = prepare(records);
    const pairs = generateCandidatePairs(prepared, DEFAULT_BLOCKING_RULES);
    expect(pairs).toBeInstanceOf(Uint32Array);
    expect(pairsOf(pairs)).toEqual(naivePairs(prepared, DEFAULT_BLOCKING_RULES));
    // Overlapping rules must not emit a pair twice.
    expect(pairsOf(generateCandidatePairs(prepared, [blockOn("surname"), blockOn("surname"), blockOn("firstName")]))).toEqual(naivePairs(prepared, [blockOn("surname"), blockOn("firstName")]));
  });

  it("handles a block of thousands (more pairs than its first buffer holds) exactly", () => {
    const records = prepare(Array.from({ length: 3000 }, (_, i) => ({ id: String(i), firstName: "Sam", surname: i % 2 ? "Lee" : "Khan" })));
    const pairs = generateCandidatePairs(records, [blockOn("surname")]);
    expect(pairs.length / 2).toBe(2 * ((1500 * 1499) / 2));
    let ordered = true;
    for (let p = 2; p < pairs.length; p += 2) ordered &&= pairs[p - 2]! < pairs[p]! || (pairs[p - 2] === pairs[p] && pairs[p - 1]! < pairs[p + 1]!);
    expect(ordered).toBe(true);
  });
});

describe("the default blocking rules", () => {
  const together = (a: LinkableRecord, b: LinkableRecord, crowd: LinkableRecord[] = []) => {
    const pairs = pairsOf(generateCandidatePairs(prepare([...crowd, a, b]), DEFAULT_BLOCKING_RULES));
    return pairs.some(([left, right]) => left === crowd.length && right === crowd.length + 1);
  };
  const daniel: LinkableRecord = { id: "a", firstName: "Daniel", surname: "Rourke", dateOfBirth: "1988-11-02", postcode: "NE4 5XY", city: "newcastle" };

  it("bring together a typo in each name with the same date of birth", () => {
    expect(together(daniel, { id: "b", firstName: "Danial", surname: "Rouke", dateOfBirth: "1988-11-02" })).toBe(true);
  });

  it("bring together a nickname with day and month transposed, in another area (the scenario)", () => {
    expect(together(daniel, { id: "b", firstName: "Danny", surname: "Rourke", dateOfBirth: "1988-02-11", postcode: "LS6 2AB" })).toBe(true);
  });

  it("bring together swapped names with a wrong date, and a surname typo with a date shifted by months", () => {
    expect(together(daniel, { id: "b", firstName: "Rourke", surname: "Daniel", dateOfBirth: "1989-01-02" })).toBe(true);
    expect(together(daniel, { id: "b", firstName: "Daniel", surname: "Roarke", dateOfBirth: "1988-08-20" })).toBe(true);
  });

  it("bring together a record whose names are missing by its date of birth alone (why that rule stays)", () => {
    expect(together(daniel, { id: "b", dateOfBirth: "1988-11-02", postcode: "LS6 2AB" })).toBe(true);
  });

  it("do not pair strangers who share a birth year and a city but no name, date or address", () => {
    const stranger = { id: "b", firstName: "Priya", surname: "Okafor", dateOfBirth: "1988-03-17", postcode: "NE1 7RU", city: "newcastle" };
    expect(together(daniel, stranger)).toBe(false);
  });
});
