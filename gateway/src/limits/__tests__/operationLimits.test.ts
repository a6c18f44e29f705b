import { DEFAULT_OPERATION_LIMITS, operationLimitsFromEnv } from "../operationLimits";

describe("operation limits from the environment", () => {
  it("are the documented defaults when nothing is set", () => {
    expect(operationLimitsFromEnv({})).toEqual(DEFAULT_OPERATION_LIMITS);
  });

  it("each variable sets its limit", () => {
    const limits = operationLimitsFromEnv({
      TESSERA_MAX_DEPTH: "12",
      TESSERA_MAX_ALIASES: "0",
      TESSERA_MAX_DIRECTIVES: "3",
      TESSERA_MAX_TOKENS: "4000",
      TESSERA_MAX_FIELDS: "300",
      TESSERA_MAX_COST: "40",
      TESSERA_ENTITIES_PER_FETCH: "100",
    });
    expect(limits).toEqual({ maxDepth: 12, maxAliases: 0, maxDirectives: 3, maxTokens: 4000, maxFields: 300, maxCost: 40, entitiesPerFetch: 100 });
  });

  it("a malformed value stops the gateway at start, naming every variable at fault", () => {
    expect(() => operationLimitsFromEnv({ TESSERA_MAX_DEPTH: "ten", TESSERA_MAX_COST: "0", TESSERA_MAX_TOKENS: "-5", TESSERA_ENTITIES_PER_FETCH: "1.5" })).toThrow(
      /TESSERA_MAX_DEPTH must be a whole number ≥ 1, not "ten"; TESSERA_MAX_TOKENS must be .*"-5"; TESSERA_MAX_COST must be a whole number ≥ 1, not "0"; TESSERA_ENTITIES_PER_FETCH .*"1.5"/,
    );
  });
});
