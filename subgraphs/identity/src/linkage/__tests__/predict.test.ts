import { prepareRecord, type LinkableRecord } from "../linkableRecord";
import { loadLinkageConfig } from "../linkageConfig";
import { defaultLinkageModel } from "../linkageModel";
import { termFrequenciesFor } from "../linkRecords";
import { matchWeightOf, scorePair } from "../predict";
import { computeTermFrequencies, termFrequency } from "../termFrequencies";

describe("scoring", () => {
  const model = defaultLinkageModel(loadLinkageConfig());
  const raw: LinkableRecord[] = [];
  for (let index = 0; index < 40; index += 1) raw.push({ id: `smith-${index}`, firstName: "alex", surname: "Smith" });
  raw.push({ id: "q-1", firstName: "alex", surname: "Quigley" }, { id: "q-2", firstName: "alex", surname: "Quigley" });
  const records = raw.map(prepareRecord);
  const termFrequencies = termFrequenciesFor(model, records);
  const surnameBits = (a: number, b: number) => scorePair(model, records[a]!, records[b]!, termFrequencies).waterfall.find((step) => step.comparison === "surname")!.bits;

  it("weighs agreement on a rare surname more than on Smith (term-frequency adjustment)", () => {
    expect(termFrequency(computeTermFrequencies(records, "surname"), "smith")).toBeCloseTo(40 / 42);
    expect(surnameBits(40, 41)).toBeGreaterThan(surnameBits(0, 1) + 4);
  });

  it("gives the same weight in bulk as with the explanation", () => {
    const explained = scorePair(model, records[40]!, records[41]!, termFrequencies);
    expect(matchWeightOf(model, records[40]!, records[41]!, termFrequencies)).toBeCloseTo(explained.matchWeight, 12);
    expect(explained.matchProbability).toBeCloseTo(2 ** explained.matchWeight / (1 + 2 ** explained.matchWeight), 12);
  });

  it("does not use an invalid NHS number as evidence", () => {
    const valid = prepareRecord({ id: "a", firstName: "alex", nhsNumber: "9434765919" }, 0);
    const invalid = prepareRecord({ id: "b", firstName: "alex", nhsNumber: "9434765918" }, 1);
    const sameInvalid = prepareRecord({ id: "c", firstName: "alex", nhsNumber: "9434765918" }, 2);
    const nhsBits = (a: typeof valid, b: typeof valid) => scorePair(model, a, b, {}).waterfall.find((step) => step.comparison === "nhs_number")!.bits;
    expect(invalid.nhsNumber).toBeUndefined();
    expect(nhsBits(valid, invalid)).toBe(0);
    expect(nhsBits(invalid, sameInvalid)).toBe(0);
    expect(nhsBits(valid, prepareRecord({ id: "d", nhsNumber: "943 476 5919" }, 3))).toBeGreaterThan(20);
  });
});
