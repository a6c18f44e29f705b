import { buildSchema, graphql } from "graphql";
import { withInputErrorField } from "../inputErrorField";

/** The messages come from graphql-js itself, coercing variables against a real schema. */
describe("withInputErrorField", () => {
  const schema = buildSchema(`
    enum Sex { FEMALE MALE }
    input PersonInput { givenNames: String!, sex: Sex, addresses: [AddressInput!] }
    input AddressInput { postcode: String! }
    type Query { person(input: PersonInput!): String }
  `);
  const coercionError = async (input: unknown) => {
    const result = await graphql({ schema, source: "query($input: PersonInput!) { person(input: $input) }", variableValues: { input } });
    return withInputErrorField({ message: result.errors![0]!.message, extensions: { code: "BAD_USER_INPUT" } });
  };

  it("names a nested field with an invalid value", async () => {
    expect((await coercionError({ givenNames: "Ada", sex: "UNKNOWN" })).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.sex" });
    expect((await coercionError({ givenNames: "Ada", addresses: [{ postcode: 7 }] })).extensions!.field).toBe("input.addresses[0].postcode");
  });

  it("names a required field that was left out", async () => {
    expect((await coercionError({ sex: "FEMALE" })).extensions!.field).toBe("input.givenNames");
  });

  it("leaves errors alone that already name a field or are not bad input", () => {
    const named = { message: "x", extensions: { code: "BAD_USER_INPUT", field: "input.dateOfBirth" } };
    expect(withInputErrorField(named)).toBe(named);
    const internal = { message: 'Variable "$input" got invalid value', extensions: { code: "INTERNAL_SERVER_ERROR" } };
    expect(withInputErrorField(internal)).toBe(internal);
  });
});
