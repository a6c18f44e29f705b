import { Field, ID, Int, ObjectType } from "type-graphql";
import { DashAnswer, DashOfficerGrading, DashTool } from "./dashVocabulary";

@ObjectType("DashAssessment", { description: "A DASH or DARA risk checklist completed with a victim after an occurrence." })
export class DashAssessment {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  occurrenceId: string;

  @Field(() => ID)
  victimNominalId: string;

  @Field(() => Date)
  assessedAt: Date;

  @Field(() => DashTool)
  tool: DashTool;

  @Field(() => [DashAnswer], { nullable: true, description: "The answers in question order (detail: null when the access policy withholds them)." })
  answers: DashAnswer[];

  @Field(() => Int, { nullable: true, description: "Yes answers on a DASH checklist (1–9 standard, 10–13 medium, 14+ high); null for DARA, whose scoring is not public." })
  yesCount: number | null;

  @Field(() => DashOfficerGrading, { nullable: true, description: "The officer's grading, which may raise the checklist's band but never lower it." })
  officerGrading?: DashOfficerGrading;
}
