import { createTestDatabase, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { nhsNumberFor, person, register } from "../../__tests__/people";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
});

afterAll(() => database.drop());

describe("registerPeople", () => {
  it("registers 1 or 300 records with the same number of SQL statements", async () => {
    const people = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        person({ agency: "health", localId: `${prefix}-${i}`, givenNames: "Sam", familyName: `Bulk${prefix}`, dateOfBirth: "1985-05-05", nhsNumber: nhsNumberFor(i * 7 + prefix.length * 10_000) }),
      );
    const one = await database.statementsDuring(() => register(database.dataSource, people("A", 1)));
    const many = await database.statementsDuring(() => register(database.dataSource, people("BB", 300)));
    expect(many).toBe(one);
    // New records: BEGIN, lock, model version, candidates, their subjects, decisions, new subjects, upsert records,
    // blocking keys, review pairs among them (delete), COMMIT. No old keys to delete, no stored subject's support to update.
    expect(one).toBe(11);
  });

  it("takes the later of two registrations of one record in a batch, and answers both", async () => {
    const results = await register(database.dataSource, [
      person({ agency: "police", localId: "NMC-N-D", givenNames: "Dup", familyName: "Licate", dateOfBirth: "1990-01-01" }),
      person({ agency: "police", localId: "NMC-N-D", givenNames: "Dup", familyName: "Licate", dateOfBirth: "1990-02-02" }),
    ]);
    expect(results[0]).toEqual(results[1]);
    const rows = await database.dataSource.query(`SELECT date_of_birth::text AS dob FROM person_record WHERE local_id = 'NMC-N-D'`);
    expect(rows).toEqual([{ dob: "1990-02-02" }]);
  });

  it("keeps namesakes born the same day apart when their NHS numbers differ", async () => {
    const [first, second] = await register(database.dataSource, [
      person({ agency: "health", localId: "NVH-P-T1", givenNames: "Jo", familyName: "Twin", dateOfBirth: "2001-01-01", nhsNumber: nhsNumberFor(900_001) }),
      person({ agency: "health", localId: "NVH-P-T2", givenNames: "Jo", familyName: "Twin", dateOfBirth: "2001-01-01", nhsNumber: nhsNumberFor(900_101) }),
    ]);
    expect(second!.subjectId).not.toBe(first!.subjectId);
  });
});
