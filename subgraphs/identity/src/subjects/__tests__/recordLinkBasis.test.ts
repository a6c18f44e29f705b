import { makePncId, runSubgraph, type RunningService } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, gatewayRequest, testCaller, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { subgraph } from "../../index";
import { nhsNumberFor, person, register } from "../../__tests__/people";

let database: TestDatabase;
let schema: GraphQLSchema;

const NHS = nhsNumberFor(7001);
const LEGACY_NHS = nhsNumberFor(7002);
const PNC = makePncId(2006, 1234567);

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  schema = (await subgraph.buildSchema()).schema;
  await register(database.dataSource, [
    person({ agency: "police", localId: "SOLE-1", givenNames: "Quinn", familyName: "Abernathy", dateOfBirth: "1979-04-02" }),
    // A married name: the NHS number, not the surname, carries the link. Northmoor's trust and council.
    person({ agency: "health", localId: "NHS-1", givenNames: "Joanne", familyName: "Pryce", dateOfBirth: "1983-06-14", nhsNumber: NHS }),
    person({ agency: "social-care", localId: "NHS-2", givenNames: "Joanne", familyName: "Hartley", dateOfBirth: "1983-06-14", nhsNumber: NHS }),
    // One man in two forces, his date of birth transposed in one, one PNC ID; and an Eastvale A&E record with no identifier.
    person({ agency: "police", localId: "PNC-1", area: "NMC", givenNames: "Daniel", familyName: "Rourke", dateOfBirth: "1988-02-11", pncId: PNC }),
    person({ agency: "police", localId: "PNC-2", area: "EVP", givenNames: "Danny", familyName: "Rourke", dateOfBirth: "1988-11-02", pncId: PNC }),
    person({ agency: "health", localId: "CHAIN-1", area: "EVT", givenNames: "Danny", familyName: "Rourke", dateOfBirth: "1988-11-02" }),
    // An NHS number on one side only is no agreement.
    person({ agency: "police", localId: "NAME-1", givenNames: "Alex", familyName: "Testerby", dateOfBirth: "1990-01-01" }),
    person({ agency: "health", localId: "NAME-2", givenNames: "Alex", familyName: "Testerby", dateOfBirth: "1990-01-01", nhsNumber: nhsNumberFor(7003) }),
    // Two forces of different regions, by name and date of birth alone.
    person({ agency: "police", localId: "AWAY-1", area: "WFC", givenNames: "Morgan", familyName: "Ellery", dateOfBirth: "1975-09-30" }),
    person({ agency: "police", localId: "AWAY-2", area: "SRP", givenNames: "Morgan", familyName: "Ellery", dateOfBirth: "1975-09-30" }),
    // Two nominals of one force.
    person({ agency: "police", localId: "HOME-1", area: "NMC", givenNames: "Sam", familyName: "Okoro", dateOfBirth: "1992-12-05" }),
    person({ agency: "police", localId: "HOME-2", area: "NMC", givenNames: "Sam", familyName: "Okoro", dateOfBirth: "1992-12-05" }),
    // Plausible, not established (a year apart, different postcodes): a reviewer decides.
    person({ agency: "police", localId: "REV-1", area: "NMC", givenNames: "Kim", familyName: "Lee", dateOfBirth: "1990-05-05", postcode: "NM1 1AA" }),
    person({ agency: "health", localId: "REV-2", area: "EVT", givenNames: "Kim", familyName: "Lee", dateOfBirth: "1991-05-05", postcode: "EV2 2BB" }),
    person({ agency: "health", localId: "OLD-1", givenNames: "Pat", familyName: "Quigley", dateOfBirth: "1969-03-03", nhsNumber: LEGACY_NHS }),
    person({ agency: "social-care", localId: "OLD-2", givenNames: "Pat", familyName: "Quigley", dateOfBirth: "1969-03-03", nhsNumber: LEGACY_NHS }),
  ]);
  const confirmed = await executeGraphQL<any>(
    schema,
    database.dataSource,
    `mutation { confirmLink(left: {agency: "police", localId: "REV-1"}, right: {agency: "health", localId: "REV-2"}, reason: "GP letter confirms the year") { decision { id } } }`,
    {},
    { caller: testCaller({ roles: ["identity_reviewer"] }) },
  );
  expect(confirmed.errors).toBeUndefined();
  // As the probabilistic-linkage migration left a link made before it: a model link with no score.
  await database.dataSource.query(
    `UPDATE person_record SET match_weight = NULL, match_probability = NULL, comparisons = NULL, model_version = NULL WHERE local_id IN ('OLD-1', 'OLD-2')`,
  );
});

afterAll(() => database.drop());

interface Link {
  agency: string;
  localId: string;
  linkedBy: string;
  linkProbability: number | null;
  linkedAcrossAreas: boolean;
  evidence: { rule: string; matchProbability: number | null; matchedRecord: { localId: string } | null; comparisons: { comparison: string; level: string; bits: number }[] };
}

/** Every record asked for, by local id, with its summary and the evidence it summarises (no policy applies here). */
async function links<Id extends string>(...localIds: Id[]): Promise<Record<Id, Link>> {
  const rows: { agency: string; local_id: string }[] = await database.dataSource.query(`SELECT agency, local_id FROM person_record WHERE local_id = ANY($1)`, [localIds]);
  const { data, errors } = await executeGraphQL<any>(
    schema,
    database.dataSource,
    `query($refs: [_Any!]!) { _entities(representations: $refs) { ... on PersonRef { subject { records { agency localId linkedBy linkProbability linkedAcrossAreas
       evidence { rule matchProbability matchedRecord { localId } comparisons { comparison level bits } } } } } } }`,
    { refs: rows.map((row) => ({ __typename: "PersonRef", agency: row.agency, localId: row.local_id })) },
  );
  expect(errors).toBeUndefined();
  const all: Link[] = data._entities.flatMap((ref: { subject: { records: Link[] } }) => ref.subject.records);
  expect(all.map((link) => link.localId)).toEqual(expect.arrayContaining(localIds));
  return Object.fromEntries(localIds.map((localId) => [localId, all.find((link) => link.localId === localId)])) as Record<Id, Link>;
}

const level = (link: Link, comparison: string) => link.evidence.comparisons.find((step) => step.comparison === comparison)?.level;

describe("AgencyRecordLink.linkedBy, linkProbability, linkedAcrossAreas", () => {
  it("says SOLE_RECORD, with no probability and not across areas, for a subject's only record", async () => {
    const { "SOLE-1": sole } = await links("SOLE-1");
    expect(sole).toMatchObject({ linkedBy: "SOLE_RECORD", linkProbability: null, linkedAcrossAreas: false, evidence: { rule: "SOLE_RECORD" } });
  });

  it("says STRONG_IDENTIFIER for a link on an agreeing NHS number, though the surnames differ", async () => {
    const { "NHS-1": health, "NHS-2": care } = await links("NHS-1", "NHS-2");
    for (const link of [health, care]) {
      expect(link.linkedBy).toBe("STRONG_IDENTIFIER");
      expect(level(link, "nhs_number")).toBe("exact");
      expect(level(link, "surname")).not.toMatch(/exact/);
      expect(link.linkProbability).toBe(link.evidence.matchProbability);
      expect(link.linkProbability).toBeGreaterThan(0.95);
      // NVH and NMB: a Northmoor trust and a Northmoor council are one place.
      expect(link.linkedAcrossAreas).toBe(false);
    }
  });

  it("says STRONG_IDENTIFIER for a link on an agreeing PNC ID, across two forces' areas", async () => {
    const { "PNC-1": northmoor, "PNC-2": eastvale } = await links("PNC-1", "PNC-2");
    expect(northmoor).toMatchObject({ linkedBy: "STRONG_IDENTIFIER", linkedAcrossAreas: true, evidence: { matchedRecord: { localId: "PNC-2" } } });
    expect(level(northmoor, "pnc_id")).toBe("exact");
    expect(northmoor.linkProbability).toBe(northmoor.evidence.matchProbability);
    expect(eastvale).toMatchObject({ linkedBy: "STRONG_IDENTIFIER", linkedAcrossAreas: true });
  });

  it("judges a record linked through a chain by its own link: name and date of birth to a record that has a PNC ID", async () => {
    const { "CHAIN-1": chained, "PNC-2": eastvale } = await links("CHAIN-1", "PNC-2");
    expect(chained.evidence.matchedRecord).toEqual({ localId: "PNC-2" });
    expect(eastvale.linkedBy).toBe("STRONG_IDENTIFIER");
    expect(chained).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkedAcrossAreas: false });
    expect(level(chained, "pnc_id")).toBe("missing");
    expect(chained.linkProbability).toBe(chained.evidence.matchProbability);
  });

  it("says NAME_AND_DATE_OF_BIRTH when only one record has an NHS number, with the model's probability", async () => {
    const { "NAME-1": police, "NAME-2": health } = await links("NAME-1", "NAME-2");
    for (const link of [police, health]) {
      expect(link).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkedAcrossAreas: false, evidence: { rule: "MODEL" } });
      expect(level(link, "nhs_number")).toBe("missing");
      expect(link.linkProbability).toBe(link.evidence.matchProbability);
      expect(link.linkProbability).toBeGreaterThan(0.95);
    }
  });

  it("says linkedAcrossAreas for a link to another region's force, and not for one to the same force", async () => {
    const { "AWAY-1": westfold, "AWAY-2": southridge, "HOME-1": home, "HOME-2": alsoHome } = await links("AWAY-1", "AWAY-2", "HOME-1", "HOME-2");
    expect(westfold).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkedAcrossAreas: true, evidence: { matchedRecord: { localId: "AWAY-2" } } });
    expect(southridge).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkedAcrossAreas: true });
    expect(home).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkedAcrossAreas: false, evidence: { matchedRecord: { localId: "HOME-2" } } });
    expect(alsoHome).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkedAcrossAreas: false });
  });

  it("says REVIEWER, with no probability, for a reviewer's link the model alone would not make, though the model's score is kept", async () => {
    const { "REV-2": confirmed } = await links("REV-2");
    expect(confirmed).toMatchObject({ linkedBy: "REVIEWER", linkProbability: null, linkedAcrossAreas: true, evidence: { rule: "REVIEWER", matchedRecord: { localId: "REV-1" } } });
    expect(confirmed.evidence.matchProbability).toBeLessThan(0.95);
  });

  it("says NAME_AND_DATE_OF_BIRTH, with no probability, for a link not yet scored: no stored waterfall shows an identifier", async () => {
    const { "OLD-1": health, "OLD-2": care } = await links("OLD-1", "OLD-2");
    for (const link of [health, care]) expect(link).toMatchObject({ linkedBy: "NAME_AND_DATE_OF_BIRTH", linkProbability: null, evidence: { rule: "MODEL", comparisons: [] } });
  });
});

describe("at signal level", () => {
  let running: RunningService;

  beforeAll(async () => {
    running = await runSubgraph(subgraph, { port: 0, databaseUrl: database.url, log: () => undefined });
  });

  afterAll(() => running.stop());

  it("gives a caller without a justification the link's summary, and withholds its evidence", async () => {
    const { "PNC-1": pnc } = await links("PNC-1");
    const subjectId: string = (await database.dataSource.query(`SELECT subject_id FROM person_record WHERE local_id = 'PNC-1'`))[0].subject_id;
    const { status, body } = await gatewayRequest({
      url: `${running.url}/graphql`,
      service: "identity",
      as: testCaller({ agency: "health", roles: ["clinician"], area: "NVH", purpose: "safeguarding" }),
      query: `query($id: ID!) { subject(id: $id) { records { localId linkedBy linkProbability linkedAcrossAreas evidence { rule } } } }`,
      variables: { id: subjectId },
    });
    expect(status).toBe(200);
    const records: any[] = body.data.subject.records;
    expect(records.find((record) => record.localId === "PNC-1")).toEqual({
      localId: "PNC-1",
      linkedBy: "STRONG_IDENTIFIER",
      linkProbability: pnc.linkProbability,
      linkedAcrossAreas: true,
      evidence: null,
    });
    expect(records.every((record) => record.evidence === null)).toBe(true);
    expect(body.errors.length).toBe(records.length);
    for (const error of body.errors) expect(error.extensions).toMatchObject({ code: "FORBIDDEN", field: "AgencyRecordLink.evidence", level: "detail" });
  });
});
