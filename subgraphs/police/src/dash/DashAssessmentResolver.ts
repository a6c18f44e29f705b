import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import { DashAssessment } from "./DashAssessment";
import { DashAssessmentInput } from "./DashAssessmentInput";

@Resolver(() => DashAssessment)
export class DashAssessmentResolver {
  @Mutation(() => DashAssessment, { description: "Records a DASH or DARA checklist (or updates the one with this id)." })
  recordDashAssessment(@Arg("input", () => DashAssessmentInput) input: DashAssessmentInput, @Ctx() context: ServiceContext): Promise<DashAssessment> {
    return writeRecord<DashAssessment>(context, recordTypes, "dashAssessment", withMintedId(input));
  }
}
