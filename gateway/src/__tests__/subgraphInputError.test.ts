import { subgraphInputError } from "../subgraphInputError";

/** The `_entities` fetch the gateway sends police for `policeEvents(from: "not-a-date")`, as it writes it. */
const LITERAL_QUERY = `query($representations:[_Any!]!){_entities(representations:$representations){...on Subject{policeEvents(from:"not-a-date"){id}}}}`;
const SCALAR_REFUSAL = "DateTime cannot represent an invalid date-time-string not-a-date.";

describe("subgraphInputError", () => {
  it("tells a literal a subgraph's scalar refused as BAD_USER_INPUT naming the argument", () => {
    const column = LITERAL_QUERY.indexOf(`"not-a-date"`) + 1;
    const error = subgraphInputError("police", 400, [{ message: SCALAR_REFUSAL, locations: [{ line: 1, column }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }], LITERAL_QUERY);
    expect(error?.message).toBe(`from: ${SCALAR_REFUSAL}`);
    expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", serviceName: "police", field: "from" });
  });

  it("finds the argument on a later line, whatever the line breaks", () => {
    for (const newline of ["\n", "\r\n"]) {
      const query = ["query {", "  _entities(representations: []) {", `    ... on Subject { policeEvents(limit: 5, to: "2025-02-30") { id } }`, "  }", "}"].join(newline);
      const column = `    ... on Subject { policeEvents(limit: 5, to: `.length + 1;
      const error = subgraphInputError("police", 400, [{ message: "bad", locations: [{ line: 3, column }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }], query);
      expect(error?.extensions?.field).toBe("to");
    }
  });

  it("passes a variable a subgraph refused on as BAD_USER_INPUT, for the gateway to name from its message", () => {
    const message = `Variable "$from" got invalid value "not-a-date"; ${SCALAR_REFUSAL}`;
    const error = subgraphInputError("police", 400, [{ message, locations: [{ line: 1, column: 32 }], extensions: { code: "BAD_USER_INPUT" } }], "query($representations:[_Any!]!$from:DateTimeISO){…}");
    expect(error?.message).toBe(message);
    expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", serviceName: "police" });
  });

  it("keeps a field a subgraph named itself", () => {
    const error = subgraphInputError("police", 400, [{ message: "limit: must be between 1 and 1000", extensions: { code: "BAD_USER_INPUT", field: "limit" } }], LITERAL_QUERY);
    expect(error?.extensions).toEqual({ code: "BAD_USER_INPUT", serviceName: "police", field: "limit" });
  });

  it("is not the caller's input: a validation failure outside any argument (a schema out of step), other statuses, no errors", () => {
    const outOfStep = [{ message: `Cannot query field "policeEvents" on type "Subject".`, locations: [{ line: 1, column: 86 }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }];
    expect(subgraphInputError("police", 400, outOfStep, LITERAL_QUERY)).toBeUndefined();
    const input = [{ message: "bad", extensions: { code: "BAD_USER_INPUT" } }];
    for (const status of [401, 413, 500, 503, undefined]) expect(subgraphInputError("police", status, input, LITERAL_QUERY)).toBeUndefined();
    expect(subgraphInputError("police", 400, [], LITERAL_QUERY)).toBeUndefined();
    expect(subgraphInputError("police", 400, undefined, LITERAL_QUERY)).toBeUndefined();
  });
});
