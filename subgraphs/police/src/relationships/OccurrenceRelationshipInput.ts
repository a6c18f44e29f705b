import { Relationship } from "@tessera/kit";
import { Field, ID, InputType } from "type-graphql";

@InputType("OccurrenceRelationshipInput", {
  description: "How two nominals involved in an occurrence are related; recording the pair again, either way round, replaces the relationship.",
})
export class OccurrenceRelationshipInput {
  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID, { description: "A nominal involved in the occurrence." })
  nominalId: string;

  @Field(() => ID, { description: "Another nominal involved in the occurrence." })
  otherNominalId: string;

  @Field(() => Relationship)
  relationship: Relationship;
}
