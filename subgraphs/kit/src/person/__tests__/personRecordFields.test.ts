import "reflect-metadata";
import { buildSchema, Field, InputType, ObjectType, Query, Resolver, Arg } from "type-graphql";
import { printSchema } from "graphql";
import { CarePersonRecordFields, PersonRecordFields } from "../PersonRecordFields";
import { CarePersonRecordInputFields, PersonRecordInputFields } from "../PersonRecordInputFields";

@ObjectType("Ward")
class Ward extends CarePersonRecordFields {
  @Field()
  hospital: string;
}

@ObjectType("Suspect")
class Suspect extends PersonRecordFields {
  @Field()
  force: string;
}

@InputType("WardInput")
class WardInput extends CarePersonRecordInputFields {
  @Field()
  hospital: string;
}

@InputType("SuspectInput")
class SuspectInput extends PersonRecordInputFields {
  @Field()
  force: string;
}

@Resolver()
class PeopleResolver {
  @Query(() => Ward, { nullable: true })
  ward(@Arg("input", () => WardInput) _input: WardInput): Ward | null {
    return null;
  }

  @Query(() => Suspect, { nullable: true })
  suspect(@Arg("input", () => SuspectInput) _input: SuspectInput): Suspect | null {
    return null;
  }
}

describe("the person record base classes", () => {
  let sdl: string;
  beforeAll(async () => {
    sdl = printSchema(await buildSchema({ resolvers: [PeopleResolver], skipCheck: true, validate: false }));
  });

  const fieldsOf = (kind: string, name: string) =>
    [...new RegExp(`${kind} ${name} \\{([^}]*)\\}`).exec(sdl)![1]!.matchAll(/^\s+(\w+): (\S+)$/gm)].map(([, field, type]) => `${field}: ${type}`);

  it("give an agency's types the shared fields first, then its own", () => {
    expect(fieldsOf("type", "Suspect")).toEqual(["id: ID!", "givenNames: String!", "familyName: String!", "dateOfBirth: String", "sex: Sex", "force: String!"]);
    expect(fieldsOf("type", "Ward")).toEqual([
      "id: ID!",
      "givenNames: String!",
      "familyName: String!",
      "dateOfBirth: String",
      "sex: Sex",
      "nhsNumber: String",
      "postcode: String",
      "hospital: String!",
    ]);
    expect(fieldsOf("input", "SuspectInput")).toEqual(["id: ID", "givenNames: String!", "familyName: String!", "dateOfBirth: String", "sex: Sex", "force: String!"]);
    expect(fieldsOf("input", "WardInput")).toEqual(["id: ID", "givenNames: String!", "familyName: String!", "dateOfBirth: String", "sex: Sex", "nhsNumber: String", "postcode: String", "hospital: String!"]);
  });

  it("are never types of the schema themselves", () => {
    expect(sdl).not.toMatch(/PersonRecord/);
  });
});
