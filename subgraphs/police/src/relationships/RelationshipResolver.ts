import { writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import { OccurrenceRelationship } from "./OccurrenceRelationship";
import { OccurrenceRelationshipInput } from "./OccurrenceRelationshipInput";

@Resolver(() => OccurrenceRelationship)
export class RelationshipResolver {
  @Mutation(() => OccurrenceRelationship, {
    description: "Records how two nominals involved in an occurrence are related (or changes it); both must already be involved in it.",
  })
  recordRelationship(@Arg("input", () => OccurrenceRelationshipInput) input: OccurrenceRelationshipInput, @Ctx() context: ServiceContext): Promise<OccurrenceRelationship> {
    return writeRecord<OccurrenceRelationship>(context, recordTypes, "relationship", input);
  }
}
