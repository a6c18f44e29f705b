import { Field, ID, InputType } from "type-graphql";
import { InvolvementRole } from "./InvolvementRole";

@InputType("InvolvementInput", { description: "Links a nominal to an occurrence; recording the same link twice changes nothing." })
export class InvolvementInput {
  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID)
  nominalId: string;

  @Field(() => InvolvementRole)
  role: InvolvementRole;
}
