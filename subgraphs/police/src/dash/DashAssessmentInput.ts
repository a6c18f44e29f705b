import { Field, ID, InputType } from "type-graphql";

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

  @Field({ description: "DASH or DARA." })
  tool: string;

  @Field(() => [String], { description: "YES, NO or NOT_KNOWN per question; exactly 27 for DASH." })
  answers: string[];

  @Field(() => String, { nullable: true, description: "STANDARD, MEDIUM or HIGH." })
  officerGrading?: string;
}
