import { buildSchema, execute, parse, validate, type GraphQLError } from "graphql";
import { withoutSuggestions } from "../withoutSuggestions";

const schema = buildSchema(`
  enum SubjectRole { VICTIM SUSPECT OFFENDER WITNESS }
  type Subject { id: ID! displayName: String }
  type Query { subject(id: ID!, role: SubjectRole): Subject }
`);

/** graphql-js's own errors for a document: validation, else variable coercion. */
function errorsFor(source: string, variableValues?: Record<string, unknown>): readonly GraphQLError[] {
  const document = parse(source);
  const invalid = validate(schema, document);
  if (invalid.length) return invalid;
  return (execute({ schema, document, variableValues }) as { errors?: GraphQLError[] }).errors ?? [];
}

describe("withoutSuggestions", () => {
  it.each([
    ["a misspelt field", `{ subject(id: "1") { displayNam } }`, undefined, `Cannot query field "displayNam" on type "Subject".`],
    ["an unknown argument", `{ subject(id: "1", rol: VICTIM) { id } }`, undefined, `Unknown argument "rol" on field "Query.subject".`],
    ["an unknown type", `query($r: SubjectRol) { subject(id: "1") { id } }`, undefined, `Unknown type "SubjectRol".`],
    ["an unknown enum value in a literal", `{ subject(id: "1", role: SUSPEC) { id } }`, undefined, `Value "SUSPEC" does not exist in "SubjectRole" enum.`],
    [
      "an unknown enum value in a variable",
      `query($r: SubjectRole) { subject(id: "1", role: $r) { id } }`,
      { r: "SUSPEC" },
      `Variable "$r" got invalid value "SUSPEC"; Value "SUSPEC" does not exist in "SubjectRole" enum.`,
    ],
  ])("takes the suggestion out of %s and keeps the rest of the message", (_kind, source, variables, expected) => {
    const [error] = errorsFor(source, variables);
    // graphql-js suggests here; the unit is what stops it reaching a caller.
    expect(error!.message).toMatch(/Did you mean/);
    expect(withoutSuggestions(error!.toJSON()).message).toBe(expected);
  });

  it("leaves an error without a suggestion as it is, extensions and all", () => {
    const formatted = { message: "police is unavailable", extensions: { code: "SUBGRAPH_UNAVAILABLE" } };
    expect(withoutSuggestions(formatted)).toBe(formatted);
  });

  it("takes out every suggestion in a message that passed through a subgraph", () => {
    const message = `Cannot query field "nam" on type "A". Did you mean "name"? Cannot query field "kin" on type "B". Did you mean "kind" or "kinds"?`;
    expect(withoutSuggestions({ message }).message).toBe(`Cannot query field "nam" on type "A". Cannot query field "kin" on type "B".`);
  });
});
