import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import { loadNominal } from "./loadNominal";
import { Nominal } from "./Nominal";
import { NominalInput } from "./NominalInput";

@Resolver(() => Nominal)
export class NominalResolver {
  @Query(() => Nominal, { nullable: true, description: "A police nominal by the force's reference." })
  nominal(@Arg("id", () => ID) id: string, @Ctx() context: ServiceContext): Promise<Nominal | null> {
    return loadNominal(context, id);
  }

  @Mutation(() => Nominal, { description: "Records a nominal (or updates the one with this id) and registers the person with identity." })
  recordNominal(@Arg("input", () => NominalInput) input: NominalInput, @Ctx() context: ServiceContext): Promise<Nominal> {
    return writeRecord<Nominal>(context, recordTypes, "nominal", withMintedId(input));
  }
}
