import { BACKGROUND_SQL, StatementCounter } from "../StatementCounter";

describe("StatementCounter", () => {
  it("counts request statements and background statements apart", () => {
    const counter = new StatementCounter("police", false);
    counter.logQuery("SELECT 1");
    counter.logQuery(`${BACKGROUND_SQL}SELECT id FROM identity_outbox`);
    counter.logQuery("SELECT 2");
    expect(counter.statements).toBe(2);
    expect(counter.backgroundStatements).toBe(1);
  });
});
