import { Field, ID, InputType } from "type-graphql";
import { Sex } from "../validation/sex";
import { MAX_NAME_LENGTH } from "./personIdentifiers";

/**
 * The GraphQL input fields of a person record that every agency shares, read by
 * `parsePersonIdentifiers` — as an NDJSON line's are. An agency's input extends it and adds its own
 * fields (its area, its other identifiers); like `PersonRecordFields`, never a schema type itself.
 */
@InputType("PersonRecordInputFields")
export abstract class PersonRecordInputFields {
  @Field(() => ID, {
    nullable: true,
    description: "The holding agency's own reference for the record; a UUID is assigned when left out. Recording an existing id updates that record.",
  })
  id?: string;

  @Field(() => String, { description: `Not blank; trimmed, at most ${MAX_NAME_LENGTH} characters.` })
  givenNames: string;

  @Field(() => String, { description: `Not blank; trimmed, at most ${MAX_NAME_LENGTH} characters.` })
  familyName: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, not in the future nor before 1900." })
  dateOfBirth?: string;

  @Field(() => Sex, { nullable: true })
  sex?: Sex;
}

/** A care record's person input (health, social care), read by `parseCarePersonIdentifiers`. */
@InputType("CarePersonRecordInputFields")
export abstract class CarePersonRecordInputFields extends PersonRecordInputFields {
  @Field(() => String, { nullable: true, description: "Ten digits passing the modulus-11 check; spaces allowed." })
  nhsNumber?: string;

  @Field(() => String, { nullable: true, description: "A UK postcode, any case and spacing." })
  postcode?: string;
}
