import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { importNdjson } from "@tessera/kit";
import { createTestDatabase, toNdjson, type TestDatabase } from "@tessera/kit/testing";
import { recordTypes, subgraph } from "../../index";
import { rowCounts } from "../../__tests__/support/socialCareFixtures";

const lines = [
  /* 1 */ { type: "client", id: "NMB-C-1", council: "NMB", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", nhsNumber: null },
  /* 2 */ { type: "client", id: "NMB-C-2", council: "NMB", givenNames: "Lily", familyName: "Ashworth", dateOfBirth: "2016-07-01", nhsNumber: "999 000 0220" },
  /* 3 */ { type: "client", id: "NMB-C-3", council: "NMB", givenNames: "Dan", familyName: "Kerr", nhsNumber: "9990000221" },
  /* 4 */ "{not json",
  /* 5 */ { type: "episode", id: "NMB-EP-1", council: "NMB", clientId: "NMB-C-2", kind: "REFERRAL", startedAt: "2024-03-05T10:00:00Z", endedAt: null, outcome: "Progressed to assessment" },
  /* 6 */ { type: "episode", id: "NMB-EP-2", council: "NMB", clientId: "NMB-C-2", kind: "EARLY_HELP", startedAt: "2024-03-06T10:00:00Z" },
  /* 7 */ { type: "episode", id: "NMB-EP-3", council: "NMB", clientId: "NMB-C-9", kind: "REFERRAL", startedAt: "2024-03-06T10:00:00Z" },
  /* 8 */ { type: "episodeInvolvement", episodeId: "NMB-EP-1", clientId: "NMB-C-1", role: "PARENT_OR_CARER" },
  /* 9 */ { type: "episodeInvolvement", episodeId: "NMB-EP-9", clientId: "NMB-C-1", role: "PARENT_OR_CARER" },
  /* 10 */ { type: "householdMember", clientId: "NMB-C-1", memberClientId: "NMB-C-2", relationship: "PARENT_OF" },
  /* 11 */ { type: "householdMember", clientId: "NMB-C-1", memberClientId: "NMB-C-1", relationship: "PARTNER_OF" },
  /* 12 */ { type: "placement", id: "NMB-PL-1" },
  /* 13 */ { type: "episode", id: "NMB-EP-4", council: "NMB", clientId: "NMB-C-2", kind: "CHILD_PROTECTION_PLAN", startedAt: "2024-05-01T10:00:00Z", endedAt: "2024-04-01T10:00:00Z" },
  /* 14 */ { type: "client", council: "NMB", givenNames: "No", familyName: "Id" },
  /* 15 */ { type: "client", id: "NMB-C-1", council: "NMB", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM2 7AB" },
];

describe("importNdjson of social care records", () => {
  let database: TestDatabase;
  const file = path.join(tmpdir(), `social-care-import-${process.pid}.ndjson`);
  const load = () => importNdjson({ db: database.dataSource, types: recordTypes, input: file });

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
    writeFileSync(file, `${lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n")}\n`);
  });
  afterAll(async () => {
    rmSync(file, { force: true });
    await database.drop();
  });

  it("loads the valid lines and reports each rejected line with its number and reason", async () => {
    const report = await load();
    expect(report.lines).toBe(15);
    expect(report.loaded).toEqual({ client: 3, episode: 1, episodeInvolvement: 1, householdMember: 1 });
    expect(report.rejected.map(({ line, reason }) => [line, reason.split(":")[0]])).toEqual([
      [3, "nhsNumber"],
      [4, "not valid JSON"],
      [6, "kind"],
      [7, "clientId"],
      [9, "episodeId"],
      [11, "memberClientId"],
      [12, "type"],
      [13, "endedAt"],
      [14, "id"],
    ]);
    expect(report.rejected.find((r) => r.line === 7)?.reason).toBe("clientId: no client with id NMB-C-9 (in the database or on an earlier line)");

    expect(await rowCounts(database.dataSource)).toEqual({ client: 2, episode: 1, episode_involvement: 1, household_member: 1, identity_outbox: 2 });
    // Line 15 corrects line 1 in the same batch: the later line wins, and identity hears of it once.
    const [mother] = await database.dataSource.query(`SELECT postcode FROM client WHERE id = 'NMB-C-1'`);
    expect(mother.postcode).toBe("NM2 7AB");
    const registrations = await database.dataSource.query(`SELECT registration->>'postcode' AS postcode FROM identity_outbox WHERE local_id = 'NMB-C-1'`);
    expect(registrations).toEqual([{ postcode: "NM2 7AB" }]);
  });

  it("changes nothing when the same file is loaded again", async () => {
    const before = await rowCounts(database.dataSource);
    const report = await load();
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 6, 7, 9, 11, 12, 13, 14]);
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it("rejects a line whose id another council holds, naming the id and the council, and loads the rest", async () => {
    const before = await rowCounts(database.dataSource);
    const heldRecords = () =>
      database.dataSource.query(`SELECT c.council, c.given_names, e.council AS episode_council, e.kind FROM client c, episode e WHERE c.id = 'NMB-C-1' AND e.id = 'NMB-EP-1'`);
    const held = await heldRecords();
    const eastvale = path.join(tmpdir(), `social-care-import-eastvale-${process.pid}.ndjson`);
    writeFileSync(
      eastvale,
      toNdjson([
        /* 1 */ { type: "client", id: "NMB-C-1", council: "EVC", givenNames: "Someone", familyName: "Else" },
        /* 2 */ { type: "client", id: "EVC-C-1", council: "EVC", givenNames: "Penelope", familyName: "Ashworth" },
        /* 3 */ { type: "episode", id: "NMB-EP-1", council: "EVC", clientId: "EVC-C-1", kind: "CHILD_IN_NEED", startedAt: "2024-06-01T10:00:00Z" },
      ]),
    );
    try {
      const report = await importNdjson({ db: database.dataSource, types: recordTypes, input: eastvale });
      expect(report.loaded).toEqual({ client: 1, episode: 0, episodeInvolvement: 0, householdMember: 0 });
      expect(report.rejected).toEqual([
        { line: 1, reason: "id: is already used by council NMB: client NMB-C-1 stays with the council that recorded it" },
        { line: 3, reason: "id: is already used by council NMB: episode NMB-EP-1 stays with the council that recorded it" },
      ]);
    } finally {
      rmSync(eastvale, { force: true });
    }
    expect(await heldRecords()).toEqual(held);
    expect(await rowCounts(database.dataSource)).toEqual({ ...before, client: before.client + 1, identity_outbox: before.identity_outbox + 1 });
  });
});

/** The lines of the social-care example in docs/import-format.md, as the document shows them. */
function documentedExample(): string {
  const doc = readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "..", "docs", "import-format.md"), "utf8");
  const section = doc.split(/^## /m).find((part) => part.startsWith("social-care\n"));
  const example = section && /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!example) throw new Error("docs/import-format.md has no social-care example");
  return example;
}

/** A file written to the format before issue 12 added unbornChild. */
const OLD_FORMAT = toNdjson([
  { type: "client", id: "NMB-C-1", council: "NMB", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", nhsNumber: null },
  { type: "client", id: "NMB-C-2", council: "NMB", givenNames: "Lily", familyName: "Ashworth", dateOfBirth: "2016-07-01", sex: "FEMALE" },
  { type: "episode", id: "NMB-EP-1", council: "NMB", clientId: "NMB-C-2", kind: "CHILD_PROTECTION_PLAN", startedAt: "2024-03-05T10:00:00Z", endedAt: null, category: "NEGLECT", summary: "Plan agreed at conference" },
  { type: "episodeInvolvement", episodeId: "NMB-EP-1", clientId: "NMB-C-1", role: "PARENT_OR_CARER" },
  { type: "householdMember", clientId: "NMB-C-1", memberClientId: "NMB-C-2", relationship: "PARENT_OF" },
]);

describe("importing social care NDJSON in the documented format", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(subgraph);
  });
  afterEach(() => database.drop());
  const load = (text: string) => importNdjson({ db: database.dataSource, types: recordTypes, input: Readable.from([text]) });

  it("loads every line of the documented example, its pre-birth assessment as an unborn child's episode", async () => {
    const report = await load(documentedExample());
    expect(report.rejected).toEqual([]);
    expect(report.loaded).toEqual({ client: 2, episode: 2, episodeInvolvement: 1, householdMember: 1 });
    expect(await database.dataSource.query(`SELECT id, client_id, unborn_child FROM episode ORDER BY id`)).toEqual([
      { id: "NMB-EP-1", client_id: "NMB-C-2", unborn_child: false },
      { id: "NMB-EP-2", client_id: "NMB-C-1", unborn_child: true },
    ]);
  });

  it("loads an old-format file, without unbornChild, as before: no rejections, no unborn child, and loading it again changes nothing", async () => {
    const report = await load(OLD_FORMAT);
    expect(report).toEqual({ lines: 5, loaded: { client: 2, episode: 1, episodeInvolvement: 1, householdMember: 1 }, rejected: [] });
    const stored = () => database.dataSource.query(`SELECT row_to_json(e) AS episode FROM episode e`);
    const first = await stored();
    expect(first).toEqual([{ episode: expect.objectContaining({ id: "NMB-EP-1", kind: "CHILD_PROTECTION_PLAN", category: "NEGLECT", unborn_child: false }) }]);
    const counts = await rowCounts(database.dataSource);
    expect((await load(OLD_FORMAT)).rejected).toEqual([]);
    expect(await stored()).toEqual(first);
    expect(await rowCounts(database.dataSource)).toEqual(counts);
  });
});
