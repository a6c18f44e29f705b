import { Field, ID, InputType } from "type-graphql";

@InputType("InvolvementInput", { description: "Links a nominal to an occurrence; recording the same link twice changes nothing." })
export class InvolvementInput {
  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID)
  nominalId: string;

  @Field({ description: "VICTIM, SUSPECT, OFFENDER, WITNESS or OTHER." })
  role: string;
}
