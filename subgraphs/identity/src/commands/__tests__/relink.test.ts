import { createTestDatabase, testCaller, testContext, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { person, register } from "../../__tests__/people";
import { syntheticPopulation } from "../../linkage/__tests__/fixtures";
import { decide } from "../../review/decisions";
import { LinkDecisionKind } from "../../review/LinkDecision";
import { estimateAndStoreModel } from "../estimateModel";
import { linksAreStale, relinkAll, reportRelink } from "../relink";

let database: TestDatabase;

/** Not impossible dates: registration refuses "1989-01-00", which the fixture's one-digit typos can make. */
const realDate = (value: string | undefined) => (value && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? value : undefined);

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  const { records } = syntheticPopulation(60, 3, 23);
  await register(
    database.dataSource,
    records.map((record, index) =>
      person({ agency: index % 2 ? "police" : "health", localId: `SYN-${record.id}`, givenNames: record.firstName!, familyName: record.surname!, ...(realDate(record.dateOfBirth) ? { dateOfBirth: record.dateOfBirth! } : {}) }),
    ),
  );
  await register(database.dataSource, [
    person({ agency: "police", localId: "R-1", givenNames: "Ruth", familyName: "Okafor", dateOfBirth: "1979-09-09" }),
    person({ agency: "health", localId: "R-2", givenNames: "Ruth", familyName: "Okafor", dateOfBirth: "1979-09-09" }),
    // Nothing alike: only a reviewer puts these two together.
    person({ agency: "police", localId: "K-1", givenNames: "Zed", familyName: "Quill", dateOfBirth: "1950-01-01", postcode: "NM1 1AA" }),
    person({ agency: "health", localId: "K-2", givenNames: "Annika", familyName: "Vole", dateOfBirth: "1961-02-03", postcode: "EV2 2BB" }),
  ]);
});

afterAll(() => database.drop());

const reviewer = () => testContext(database.dataSource, { caller: testCaller({ name: "Reviewer One", roles: ["identity_reviewer"] }) });

async function subjectOf(agency: string, localId: string): Promise<string> {
  return (await database.dataSource.query(`SELECT subject_id FROM person_record WHERE agency = $1 AND local_id = $2`, [agency, localId]))[0].subject_id;
}

async function snapshot(): Promise<unknown[]> {
  return database.dataSource.query(`SELECT agency, local_id, subject_id, link_rule, linked_to_local_id, match_weight, model_version, linked_at FROM person_record ORDER BY agency, local_id`);
}

describe("the bulk re-link (npm run identity:relink)", () => {
  it("changes nothing when the incremental links are already what the model says", async () => {
    const before = await snapshot();
    const stages: string[] = [];
    const report = await relinkAll(database.dataSource.manager, { start: (stage) => stages.push(stage), update: () => undefined });
    expect(report.recordsRelinked).toBe(0);
    expect(report.subjectsAfter).toBe(report.subjectsBefore);
    expect(await snapshot()).toEqual(before);
    expect(stages).toEqual(["loading person records", "blocking", "scoring and clustering", "planning writes", "writing"]);
    expect(await linksAreStale(database.dataSource.manager)).toBe(false);
  });

  it("re-scores every record with a re-estimated model, keeps subject ids, and reports progress to the end", async () => {
    const ruth = await subjectOf("police", "R-1");
    const { version } = await estimateAndStoreModel(database.dataSource.manager);
    expect(await linksAreStale(database.dataSource.manager)).toBe(true);
    const updates: Array<[number, number]> = [];
    const report = await relinkAll(database.dataSource.manager, { start: () => undefined, update: (done, total) => updates.push([done, total]) });
    expect(report.modelVersion).toBe(version);
    expect(report.recordsRelinked).toBe(report.records);
    const [done, total] = updates[updates.length - 1]!;
    expect(done).toBe(total);
    const versions = await database.dataSource.query(`SELECT DISTINCT model_version FROM person_record`);
    expect(versions).toEqual([{ model_version: version }]);
    expect(await subjectOf("police", "R-1")).toBe(ruth);
    expect(await subjectOf("health", "R-2")).toBe(ruth);
    expect(await linksAreStale(database.dataSource.manager)).toBe(false);
    expect(reportRelink(report)).toContain(`model version ${version}`);
  });

  it("keeps every reviewer decision through a re-link, and a revoked one no longer counts", async () => {
    const rejected = await decide(reviewer(), { kind: LinkDecisionKind.REJECT_PAIR, left: { agency: "police", localId: "R-1" }, right: { agency: "health", localId: "R-2" }, reason: "Namesakes" });
    const kimApart = (await subjectOf("police", "K-1")) !== (await subjectOf("health", "K-2"));
    const confirmed = await decide(reviewer(), { kind: LinkDecisionKind.CONFIRM_PAIR, left: { agency: "police", localId: "K-1" }, right: { agency: "health", localId: "K-2" }, reason: "Same person" });
    expect(kimApart).toBe(true);

    const report = await relinkAll(database.dataSource.manager);
    expect(report.decisionsApplied).toBe(2);
    expect(await subjectOf("police", "R-1")).not.toBe(await subjectOf("health", "R-2"));
    expect(await subjectOf("police", "K-1")).toBe(await subjectOf("health", "K-2"));
    const [link] = await database.dataSource.query(`SELECT link_rule, decision_id::text FROM person_record WHERE local_id IN ('K-1', 'K-2') AND link_rule = 'REVIEWER'`);
    expect(link).toEqual({ link_rule: "REVIEWER", decision_id: confirmed.decision.id });

    await database.dataSource.query(`UPDATE link_decision SET revoked_by = 'Reviewer One', revoked_at = now(), revoke_reason = 'test' WHERE id = $1`, [rejected.decision.id]);
    await relinkAll(database.dataSource.manager);
    expect(await subjectOf("police", "R-1")).toBe(await subjectOf("health", "R-2"));
  });

  it("keeps a split and a merge through a re-link", async () => {
    await register(database.dataSource, [
      person({ agency: "police", localId: "S-1", givenNames: "Mara", familyName: "Quell", dateOfBirth: "1971-04-04" }),
      person({ agency: "health", localId: "S-2", givenNames: "Mara", familyName: "Quell", dateOfBirth: "1971-04-04" }),
      person({ agency: "police", localId: "G-1", givenNames: "Tove", familyName: "Lind", dateOfBirth: "1944-10-10" }),
      person({ agency: "social-care", localId: "G-2", givenNames: "Bea", familyName: "Harrow", dateOfBirth: "1983-05-15" }),
    ]);
    await decide(reviewer(), { kind: LinkDecisionKind.SPLIT_RECORD, record: { agency: "health", localId: "S-2" }, reason: "Her mother's record" });
    await decide(reviewer(), { kind: LinkDecisionKind.MERGE_SUBJECTS, subjectIds: [await subjectOf("police", "G-1"), await subjectOf("social-care", "G-2")], reason: "Same person" });
    expect(await subjectOf("health", "S-2")).not.toBe(await subjectOf("police", "S-1"));
    expect(await subjectOf("social-care", "G-2")).toBe(await subjectOf("police", "G-1"));

    await relinkAll(database.dataSource.manager);
    expect(await subjectOf("health", "S-2")).not.toBe(await subjectOf("police", "S-1"));
    expect(await subjectOf("social-care", "G-2")).toBe(await subjectOf("police", "G-1"));
  });

  it("sees records with no blocking keys (registered before there were any) as stale", async () => {
    await database.dataSource.query(`DELETE FROM blocking_key WHERE local_id = 'R-1'`);
    expect(await linksAreStale(database.dataSource.manager)).toBe(true);
    await relinkAll(database.dataSource.manager);
    expect(await linksAreStale(database.dataSource.manager)).toBe(false);
  });

  it("sees links made before probabilistic linkage as stale", async () => {
    await database.dataSource.query(`UPDATE person_record SET match_weight = NULL WHERE (agency, local_id) = (SELECT agency, local_id FROM person_record WHERE link_rule = 'MODEL' LIMIT 1)`);
    expect(await linksAreStale(database.dataSource.manager)).toBe(true);
    await relinkAll(database.dataSource.manager);
    expect(await linksAreStale(database.dataSource.manager)).toBe(false);
  });
});
