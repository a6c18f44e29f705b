import { Relationship } from "@tessera/kit";
import { Field, ID, ObjectType } from "type-graphql";

/** A relationship as parsed, saved and returned by `recordRelationship`: the nominals in the order given. */
@ObjectType("OccurrenceRelationship", { description: "How two nominals involved in an occurrence are related; the same read either way round." })
export class OccurrenceRelationship {
  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID)
  nominalId: string;

  @Field(() => ID)
  otherNominalId: string;

  @Field(() => Relationship)
  relationship: Relationship;
}
