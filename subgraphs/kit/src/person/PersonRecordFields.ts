import { Field, ID, ObjectType } from "type-graphql";
import { Sex } from "../validation/sex";

/**
 * The GraphQL fields of an agency's person record type that every agency shares, described once.
 * An agency's type extends it and adds its own fields (its area, its other identifiers):
 *
 *     @ObjectType("Patient", { description: "…" })
 *     export class Patient extends CarePersonRecordFields { @Field() trust: string; … }
 *
 * type-graphql lists the inherited fields first. This class is never named by a resolver, so it is
 * never a type of the schema itself (type-graphql 2 emits only the types in use: what `isAbstract`
 * did in earlier versions).
 */
@ObjectType("PersonRecordFields")
export abstract class PersonRecordFields {
  @Field(() => ID, { description: "The holding agency's own reference for the record." })
  id: string;

  @Field(() => String, { description: "Given names, as recorded." })
  givenNames: string;

  @Field(() => String, { description: "Family name, as recorded." })
  familyName: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." })
  dateOfBirth?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;
}

/** A care record's person (health, social care): also the NHS number and the postcode the person lives at. */
@ObjectType("CarePersonRecordFields")
export abstract class CarePersonRecordFields extends PersonRecordFields {
  @Field(() => String, { nullable: true, description: "NHS number: ten digits that passed the modulus-11 check; null when not held." })
  nhsNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Where the person lives: a normalised UK postcode, e.g. LS6 2AB." })
  postcode?: string | null;
}
