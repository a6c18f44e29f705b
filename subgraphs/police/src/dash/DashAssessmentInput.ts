import { Field, ID, InputType } from "type-graphql";
import { DashAnswer, DashOfficerGrading, DashTool } from "./dashVocabulary";

@InputType("DashAssessmentInput", { description: "A completed DASH or DARA checklist; saved over any assessment with the same id." })
export class DashAssessmentInput {
  @Field(() => ID, { nullable: true, description: "The force's reference; a UUID is assigned when omitted." })
  id?: string;

  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID)
  victimNominalId: string;

  @Field(() => Date, { description: "Not in the future." })
  assessedAt: Date;

  @Field(() => DashTool)
  tool: DashTool;

  @Field(() => [DashAnswer], { description: "One answer per question, in question order; exactly 27 for DASH." })
  answers: DashAnswer[];

  @Field(() => DashOfficerGrading, { nullable: true })
  officerGrading?: DashOfficerGrading;
}
