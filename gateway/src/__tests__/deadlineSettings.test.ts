import { REPLAY_WINDOW_MS } from "@tessera/kit";
import { CLOCK_SKEW_ALLOWANCE_MS, DEFAULT_REQUEST_DEADLINE_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS, loadDeadlineSettings, LONGEST_WAIT_MS, subgraphTimeoutMs } from "../deadlineSettings";

const SUBGRAPHS = ["identity", "police", "social-care"];

describe("deadline settings", () => {
  it("default to a few seconds per subgraph and a request deadline, all inside the signature's replay window", () => {
    const settings = loadDeadlineSettings(SUBGRAPHS, {});
    expect(settings).toEqual({ subgraphTimeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS, subgraphTimeoutsMs: {}, requestDeadlineMs: DEFAULT_REQUEST_DEADLINE_MS });
    expect(DEFAULT_SUBGRAPH_TIMEOUT_MS).toBeLessThanOrEqual(LONGEST_WAIT_MS);
    expect(DEFAULT_REQUEST_DEADLINE_MS).toBeLessThanOrEqual(LONGEST_WAIT_MS);
    expect(LONGEST_WAIT_MS).toBe(REPLAY_WINDOW_MS - CLOCK_SKEW_ALLOWANCE_MS);
  });

  it("give each subgraph its own timeout from <SUBGRAPH>_TIMEOUT_MS, and the rest the global one", () => {
    const settings = loadDeadlineSettings(SUBGRAPHS, { TESSERA_SUBGRAPH_TIMEOUT_MS: "3000", POLICE_TIMEOUT_MS: "1500", SOCIAL_CARE_TIMEOUT_MS: "8000", TESSERA_REQUEST_DEADLINE_MS: "20000" });
    expect(subgraphTimeoutMs(settings, "police")).toBe(1500);
    expect(subgraphTimeoutMs(settings, "social-care")).toBe(8000);
    expect(subgraphTimeoutMs(settings, "identity")).toBe(3000);
    expect(subgraphTimeoutMs(settings, "a-partner-not-declared")).toBe(3000);
    expect(settings.requestDeadlineMs).toBe(20000);
  });

  it("refuse at start a timeout or deadline outside the replay window less the clock allowance, naming every one and the window", () => {
    expect(() => loadDeadlineSettings(SUBGRAPHS, { POLICE_TIMEOUT_MS: "30000", TESSERA_REQUEST_DEADLINE_MS: "60000" })).toThrow(
      `police's timeout (POLICE_TIMEOUT_MS) is 30000 ms; the request deadline (TESSERA_REQUEST_DEADLINE_MS) is 60000 ms: each must be from 1 to 25000 ms, inside the subgraphs' 30000 ms signature replay window less 5000 ms for clock differences, or a subgraph would refuse as stale a request the gateway still waits for`,
    );
    expect(() => loadDeadlineSettings(SUBGRAPHS, { TESSERA_SUBGRAPH_TIMEOUT_MS: String(LONGEST_WAIT_MS + 1) })).toThrow(/^the subgraph timeout \(TESSERA_SUBGRAPH_TIMEOUT_MS\) is 25001 ms: each must be/);
    expect(loadDeadlineSettings(SUBGRAPHS, { TESSERA_SUBGRAPH_TIMEOUT_MS: String(LONGEST_WAIT_MS), TESSERA_REQUEST_DEADLINE_MS: String(LONGEST_WAIT_MS) }).subgraphTimeoutMs).toBe(LONGEST_WAIT_MS);
  });

  it.each(["0", "-5", "1.5", "5s", "abc", "99999999999999999999"])("refuse %j as a timeout rather than reading it as no limit", (value) => {
    expect(() => loadDeadlineSettings(SUBGRAPHS, { HEALTH_TIMEOUT_MS: value, POLICE_TIMEOUT_MS: value })).toThrow(`POLICE_TIMEOUT_MS must be a whole number ≥ 1, not "${value}"`);
  });
});
