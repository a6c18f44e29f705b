import { GatewayRefusalLog } from "../GatewayRefusalLog";

const UNSIGNED = "Requests to police must come through the gateway: this one is not signed";
const STALE = "The gateway signature is outside its replay window";

describe("a subgraph's log of refused gateway requests", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const logged = () => {
    const lines: Record<string, unknown>[] = [];
    return { lines, log: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  };

  it("writes the first refusal at once, then at most one line per interval however many requests an unsigned flood sends, with a count per reason", () => {
    const { lines, log } = logged();
    const refusals = new GatewayRefusalLog("police", log, 10_000);
    refusals.refused(UNSIGNED);
    expect(lines).toEqual([{ level: "warn", service: "police", message: `refused a gateway request: ${UNSIGNED}`, refused: { [UNSIGNED]: 1 } }]);

    for (let i = 0; i < 10_000; i += 1) refusals.refused(UNSIGNED);
    refusals.refused(STALE);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({ level: "warn", service: "police", message: "refused 10001 more gateway requests in the last 10 s", refused: { [UNSIGNED]: 10_000, [STALE]: 1 } });

    // Still within a noisy spell: the next is counted, not written.
    refusals.refused(STALE);
    expect(lines).toHaveLength(2);
    jest.advanceTimersByTime(10_000);
    expect(lines[2]).toMatchObject({ message: "refused 1 more gateway request in the last 10 s", refused: { [STALE]: 1 } });

    // After a quiet interval, a refusal is written at once again.
    jest.advanceTimersByTime(10_000);
    refusals.refused(STALE);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ message: `refused a gateway request: ${STALE}` });
  });

  it("writes what it counted when the service stops", () => {
    const { lines, log } = logged();
    const refusals = new GatewayRefusalLog("police", log, 10_000);
    refusals.refused(UNSIGNED);
    refusals.refused(UNSIGNED);
    refusals.flush();
    expect(lines.map((line) => line.message)).toEqual([`refused a gateway request: ${UNSIGNED}`, "refused 1 more gateway request in the last 10 s"]);
    refusals.flush();
    expect(lines).toHaveLength(2);
  });
});
