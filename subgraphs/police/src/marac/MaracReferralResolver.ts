import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import { MaracReferral } from "./MaracReferral";
import { MaracReferralInput } from "./MaracReferralInput";

@Resolver(() => MaracReferral)
export class MaracReferralResolver {
  @Mutation(() => MaracReferral, { description: "Records a MARAC referral (or updates the one with this id)." })
  recordMaracReferral(@Arg("input", () => MaracReferralInput) input: MaracReferralInput, @Ctx() context: ServiceContext): Promise<MaracReferral> {
    return writeRecord<MaracReferral>(context, recordTypes, "maracReferral", withMintedId(input));
  }
}
