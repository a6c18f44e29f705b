import { createTestDatabase, type TestDatabase } from "../../testing";
import type { PersonRegistration } from "../PersonRegistration";
import { CreateIdentityOutbox1732240000000, queueRegistrations, RegistrationOutboxEntry } from "../RegistrationOutbox";

const penelope: PersonRegistration = { agency: "police", localId: "NMC-N-1", area: "NMC", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", postcode: "NM1 4QT" };
const moved: PersonRegistration = { ...penelope, postcode: "NM2 7BD" };
const daniel: PersonRegistration = { agency: "police", localId: "NMC-N-2", area: "NMC", givenNames: "Daniel", familyName: "Crowther" };

describe("queueRegistrations", () => {
  let database: TestDatabase;

  // Any agency's name will do: only the kit's outbox migration runs.
  beforeAll(async () => {
    database = await createTestDatabase({ service: "police", entities: [RegistrationOutboxEntry], migrations: [CreateIdentityOutbox1732240000000] });
  });
  afterAll(() => database.drop());
  beforeEach(() => database.dataSource.query(`TRUNCATE identity_outbox RESTART IDENTITY`));

  const queue = (...registrations: PersonRegistration[]) => database.dataSource.transaction((manager) => queueRegistrations(manager, registrations));
  const queued = async (): Promise<[string, string | undefined][]> =>
    (await database.dataSource.query(`SELECT local_id, registration FROM identity_outbox ORDER BY id`)).map(
      (row: { local_id: string; registration: PersonRegistration }) => [row.local_id, row.registration.postcode],
    );

  it("queues a first registration", async () => {
    await queue(penelope);
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"]]);
    const [row] = await database.dataSource.query(`SELECT registration, delivered_at FROM identity_outbox`);
    expect(row).toEqual({ registration: penelope, delivered_at: null });
  });

  it("skips a registration identical to the last one queued for the record, whatever its key order, but queues a changed one", async () => {
    await queue(penelope);
    const reordered = Object.fromEntries(Object.entries(penelope).reverse()) as unknown as PersonRegistration;
    await queue(reordered);
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"]]);

    await queue(moved);
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"], ["NMC-N-1", "NM2 7BD"]]);
  });

  it("compares with the last registration queued, not any earlier one: moving back re-registers", async () => {
    await queue(penelope);
    await queue(moved);
    await queue(penelope);
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"], ["NMC-N-1", "NM2 7BD"], ["NMC-N-1", "NM1 4QT"]]);
  });

  it("skips a registration identity has already been delivered", async () => {
    await queue(penelope);
    await database.dataSource.query(`UPDATE identity_outbox SET delivered_at = now()`);
    await queue(penelope);
    expect(await queued()).toHaveLength(1);
  });

  it("treats a dropped identifier as a change", async () => {
    await queue(penelope);
    const { postcode: _postcode, ...withoutPostcode } = penelope;
    await queue(withoutPostcode);
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"], ["NMC-N-1", undefined]]);
  });

  it("within one call, skips a repeat of the registration just before it and keeps the order of the rest", async () => {
    await queue(penelope, daniel, penelope, moved, moved);
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"], ["NMC-N-2", undefined], ["NMC-N-1", "NM2 7BD"]]);
  });

  it("keeps each record's registrations apart: another record's identical fields do not count", async () => {
    await queue(penelope);
    await queue({ ...penelope, localId: "NMC-N-9" });
    expect(await queued()).toEqual([["NMC-N-1", "NM1 4QT"], ["NMC-N-9", "NM1 4QT"]]);
  });

  it("sends nothing to the database for an empty list", async () => {
    const before = database.counter.statements;
    await queueRegistrations(database.dataSource.manager, []);
    expect(database.counter.statements).toBe(before);
  });
});
