import { associates } from "../associates";
import { care, counterpart, daysBefore, health, input, police } from "./fixtures";

describe("associates", () => {
  it("relates the subject to each person by the parts both played", () => {
    const events = [
      police({ id: "o1", occurredAt: daysBefore(30), counterparts: [counterpart("SUSPECT", "subject-him"), counterpart("WITNESS", "subject-neighbour")] }),
      police({ id: "o2", occurredAt: daysBefore(20), role: "SUSPECT", counterparts: [counterpart("VICTIM", "subject-him")] }),
      care({ id: "c1", occurredAt: daysBefore(10), counterparts: [counterpart("SUBJECT_OF_CONCERN", "subject-child", "C-1", "social-care")] }),
      health({ id: "h1", occurredAt: daysBefore(5), counterparts: [counterpart("ALLEGED_PERPETRATOR", "subject-him", "P-9", "health")] }),
    ];
    expect(associates(input(events)).map(({ subjectId, relationships, eventIds }) => ({ subjectId, relationships, eventIds }))).toEqual([
      { subjectId: "subject-him", relationships: ["VICTIM_OF", "SUSPECT_AGAINST"], eventIds: ["police/o1", "police/o2", "health/h1"] },
      { subjectId: "subject-child", relationships: ["HOUSEHOLD_MEMBER"], eventIds: ["social-care/c1"] },
      { subjectId: "subject-neighbour", relationships: ["CO_INVOLVED"], eventIds: ["police/o1"] },
    ]);
  });

  it("keys an unresolved counterpart by its record, and leaves out the subject's own records", () => {
    const events = [police({ occurredAt: daysBefore(10), counterparts: [counterpart("SUSPECT", null, "EVP-N-5"), counterpart("VICTIM", "subject-1", "EVP-N-1")] })];
    expect(associates(input(events))).toEqual([{ subjectId: null, agency: "police", localId: "EVP-N-5", records: [{ agency: "police", localId: "EVP-N-5" }], relationships: ["VICTIM_OF"], eventIds: [`police/${events[0]!.id}`] }]);
  });
});
