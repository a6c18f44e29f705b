import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import { Occurrence } from "./Occurrence";
import { OccurrenceInput } from "./OccurrenceInput";

@Resolver(() => Occurrence)
export class OccurrenceResolver {
  @Mutation(() => Occurrence, { description: "Records an occurrence (or updates the one with this id)." })
  recordOccurrence(@Arg("input", () => OccurrenceInput) input: OccurrenceInput, @Ctx() context: ServiceContext): Promise<Occurrence> {
    return writeRecord<Occurrence>(context, recordTypes, "occurrence", withMintedId(input));
  }
}
