import { bodyLimit, DEFAULT_GATEWAY_BODY_LIMIT, DEFAULT_SUBGRAPH_BODY_LIMIT } from "../bodyLimit";

describe("bodyLimit", () => {
  it("is the default unless the variable gives a number of bytes", () => {
    expect(bodyLimit("TESSERA_GATEWAY_BODY_LIMIT", DEFAULT_GATEWAY_BODY_LIMIT, {})).toBe(1_048_576);
    expect(bodyLimit("TESSERA_SUBGRAPH_BODY_LIMIT", DEFAULT_SUBGRAPH_BODY_LIMIT, { TESSERA_SUBGRAPH_BODY_LIMIT: " " })).toBe(5_242_880);
    expect(bodyLimit("TESSERA_GATEWAY_BODY_LIMIT", DEFAULT_GATEWAY_BODY_LIMIT, { TESSERA_GATEWAY_BODY_LIMIT: "65536" })).toBe(65_536);
  });

  it("refuses at start what is not a sensible number of bytes", () => {
    for (const value of ["1mb", "-5", "12.5", "100"]) {
      expect(() => bodyLimit("TESSERA_GATEWAY_BODY_LIMIT", DEFAULT_GATEWAY_BODY_LIMIT, { TESSERA_GATEWAY_BODY_LIMIT: value })).toThrow(/TESSERA_GATEWAY_BODY_LIMIT must be a whole number ≥ 1024/);
    }
  });
});
