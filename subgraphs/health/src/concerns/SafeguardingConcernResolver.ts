import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import type { SafeguardingConcernRow } from "../records/safeguardingConcernRecord";
import { SafeguardingConcern } from "./SafeguardingConcern";
import { SafeguardingConcernInput } from "./SafeguardingConcernInput";

@Resolver(() => SafeguardingConcern)
export class SafeguardingConcernResolver {
  @Mutation(() => SafeguardingConcern, { description: "Records a safeguarding concern about a patient, or updates one with the same id." })
  recordSafeguardingConcern(
    @Arg("input", () => SafeguardingConcernInput) input: SafeguardingConcernInput,
    @Ctx() context: ServiceContext,
  ): Promise<SafeguardingConcern> {
    return writeRecord<SafeguardingConcernRow>(context, recordTypes, "safeguardingConcern", withMintedId(input));
  }
}
