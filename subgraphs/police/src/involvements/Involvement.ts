import { Field, ID, ObjectType } from "type-graphql";
import { InvolvementRole } from "./InvolvementRole";

@ObjectType("Involvement", { description: "A nominal's part in an occurrence." })
export class Involvement {
  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID)
  nominalId: string;

  @Field(() => InvolvementRole)
  role: InvolvementRole;
}
