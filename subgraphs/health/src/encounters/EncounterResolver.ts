import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import type { EncounterRow } from "../records/encounterRecord";
import { Encounter } from "./Encounter";
import { EncounterInput } from "./EncounterInput";

@Resolver(() => Encounter)
export class EncounterResolver {
  @Mutation(() => Encounter, { description: "Records a patient's encounter, or updates one with the same id." })
  recordEncounter(@Arg("input", () => EncounterInput) input: EncounterInput, @Ctx() context: ServiceContext): Promise<Encounter> {
    return writeRecord<EncounterRow>(context, recordTypes, "encounter", withMintedId(input));
  }
}
