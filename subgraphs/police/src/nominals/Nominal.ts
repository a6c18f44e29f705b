import { PersonRecordFields } from "@tessera/kit";
import { Field, ObjectType } from "type-graphql";

@ObjectType("NominalAddress", { description: "An address a nominal is known at." })
export class NominalAddress {
  @Field(() => String, { nullable: true })
  line1?: string;

  @Field({ description: "Normalised UK postcode, e.g. LS6 2AB." })
  postcode: string;

  @Field(() => String, { nullable: true, description: "Known at this address from (YYYY-MM-DD)." })
  from?: string;

  @Field(() => String, { nullable: true, description: "Known at this address until (YYYY-MM-DD); none while current." })
  to?: string;
}

/**
 * A person record held by one force. The same shape is what the record type parses, saves and a
 * mutation returns, so a write answers with exactly what was stored.
 */
@ObjectType("Nominal", { description: "A person record held by one police force (POLE: Person)." })
export class Nominal extends PersonRecordFields {
  @Field({ description: "Force code, e.g. NMC." })
  force: string;

  @Field(() => String, { nullable: true, description: "Police National Computer id, normalised to YYYY/NNNNNNNC or YY/NNNNNNNC." })
  pncId?: string;

  @Field(() => [NominalAddress], { nullable: true, description: "Restricted: a victim's address may be a refuge. Null when the access policy withholds it." })
  addresses: NominalAddress[];
}
