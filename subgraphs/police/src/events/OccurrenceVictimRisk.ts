import { Field, Int, ObjectType } from "type-graphql";
import { DashOfficerGrading } from "../dash/dashVocabulary";

/**
 * How the victims of an occurrence were assessed, summarised for whoever may see the event: from a
 * perpetrator's own events, risk can see that a previous victim was at visible high risk or referred
 * to MARAC without fetching her records.
 */
@ObjectType("OccurrenceVictimRisk", { description: "How the occurrence's victims were assessed, as a summary: the highest of any victim's, whoever's event it is." })
export class OccurrenceVictimRisk {
  @Field(() => Int, { nullable: true, description: "The highest yes-count among the victims' latest DASH checklists on the occurrence; null when none was completed (DARA is never summed)." })
  dashYesCount: number | null;

  @Field(() => DashOfficerGrading, { nullable: true, description: "The highest officer's grading among the victims' latest DASH or DARA assessments on the occurrence; null when none was graded." })
  officerGrading: DashOfficerGrading | null;

  @Field(() => Boolean, { description: "A MARAC referral names this occurrence as the one that prompted it." })
  maracReferred: boolean;
}
