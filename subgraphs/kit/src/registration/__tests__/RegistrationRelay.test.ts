import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "../../testing/testDatabase";
import type { PersonRegistration } from "../PersonRegistration";
import { CreateIdentityOutbox1732240000000, queueRegistrations } from "../RegistrationOutbox";
import { RegistrationRelay } from "../RegistrationRelay";

/**
 * A stand-in for identity's registration endpoint over real HTTP: it records what it receives and
 * answers as it is told to (a mock only of identity, whose own endpoint has its own tests).
 */
class IdentityStandIn {
  received: PersonRegistration[][] = [];
  authorizations: (string | undefined)[] = [];
  answer: (batch: PersonRegistration[]) => { status: number; body: unknown } = () => ({ status: 200, body: { results: [] } });
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const batch = (JSON.parse(body) as { registrations: PersonRegistration[] }).registrations;
        this.received.push(batch);
        this.authorizations.push(req.headers.authorization);
        const { status, body: reply } = this.answer(batch);
        // A little latency, so that concurrent deliveries really overlap.
        setTimeout(() => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply)), 20);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

const person = (localId: string, familyName = "Quill"): PersonRegistration => ({ agency: "police", localId, area: "NMC", givenNames: "Ada", familyName });

describe("RegistrationRelay", () => {
  let database: TestDatabase;
  let identity: IdentityStandIn;

  beforeAll(async () => {
    database = await createTestDatabase({ service: "police", entities: [], migrations: [CreateIdentityOutbox1732240000000] });
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await database.dataSource.query("TRUNCATE identity_outbox");
    identity = new IdentityStandIn();
    await identity.start();
  });
  afterEach(() => identity.stop());

  const queue = (...people: PersonRegistration[]) => database.dataSource.transaction((m) => queueRegistrations(m, people));
  const relay = (batchSize = 500) => new RegistrationRelay(database.dataSource, { credentials: async () => "service-token", identityUrl: identity.url, batchSize, log: () => undefined });

  it("delivers queued registrations in order, in batches, and marks them delivered", async () => {
    await queue(person("N-1"), person("N-2"), person("N-3"));
    expect(await relay(2).flush()).toBe(3);
    expect(identity.received.map((batch) => batch.map((r) => r.localId))).toEqual([["N-1", "N-2"], ["N-3"]]);
    expect(identity.authorizations).toEqual(["Bearer service-token", "Bearer service-token"]);
    expect(await relay().state()).toEqual({ pending: 0, rejected: 0 });
  });

  it("keeps everything queued while identity is failing, and delivers it once identity is back", async () => {
    await queue(person("N-1"));
    identity.answer = () => ({ status: 503, body: { error: "starting" } });
    await expect(relay().flush()).rejects.toThrow("identity answered 503");
    const [row] = await database.dataSource.query("SELECT attempts, last_error, delivered_at FROM identity_outbox");
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row.last_error).toMatch(/503/);
    identity.answer = () => ({ status: 200, body: { results: [] } });
    expect(await relay().flush()).toBe(1);
    expect(await relay().state()).toEqual({ pending: 0, rejected: 0 });
  });

  it("keeps everything queued while identity is unreachable", async () => {
    await queue(person("N-1"));
    await identity.stop();
    await expect(relay().flush()).rejects.toThrow();
    expect(await relay().state()).toEqual({ pending: 1, rejected: 0 });
    await identity.start();
  });

  it("sets aside a registration identity refuses, with the reason, and delivers the rest of the batch", async () => {
    await queue(person("N-1"), person("N-2", "###"), person("N-3"));
    identity.answer = (batch) => {
      const bad = batch.findIndex((r) => r.familyName === "###");
      return bad >= 0 ? { status: 400, body: { errors: [{ index: bad, field: "familyName", reason: "must contain letters" }] } } : { status: 200, body: { results: [] } };
    };
    expect(await relay().flush()).toBe(2);
    expect(identity.received.at(-1)!.map((r) => r.localId)).toEqual(["N-1", "N-3"]);
    const refused = await database.dataSource.query("SELECT local_id, last_error FROM identity_outbox WHERE rejected_at IS NOT NULL");
    expect(refused).toEqual([{ local_id: "N-2", last_error: "familyName: must contain letters" }]);
    expect(await relay().state()).toEqual({ pending: 0, rejected: 1 });
  });

  it("lets only one relay deliver at a time, so nothing is posted twice", async () => {
    await queue(...Array.from({ length: 30 }, (_, i) => person(`N-${i}`)));
    await Promise.all([relay(5).flush(), relay(5).flush(), relay(5).flush()]);
    const posted = identity.received.flat().map((r) => r.localId);
    expect(posted).toHaveLength(30);
    expect(new Set(posted).size).toBe(30);
    expect(await relay().state()).toEqual({ pending: 0, rejected: 0 });
  });
});
